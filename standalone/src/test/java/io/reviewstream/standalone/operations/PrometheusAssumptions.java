package io.reviewstream.standalone.operations;

import io.reviewstream.embedded.RequiredTools;

/** The Prometheus tests need the operating system's prometheus package (see {@link RequiredTools}). */
final class PrometheusAssumptions {

    private PrometheusAssumptions() {
    }

    static void assumePrometheusInstalled() {
        RequiredTools.assumeAvailable(PrometheusServer.binary("prometheus").isPresent()
                        && PrometheusServer.binary("promtool").isPresent(),
                "the 'prometheus' and 'promtool' binaries, to check the deployed Prometheus configuration, alert "
                        + "rules and every Grafana panel against a real Prometheus (apt-get install prometheus)");
    }
}
