package io.reviewstream.standalone.operations;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Prometheus tests need the operating system's prometheus package; CI installs it. */
final class PrometheusAssumptions {

    private PrometheusAssumptions() {
    }

    static void assumePrometheusInstalled() {
        assumeTrue(PrometheusServer.binary("prometheus").isPresent() && PrometheusServer.binary("promtool").isPresent(),
                "Skipped: the 'prometheus' and 'promtool' binaries are not on the PATH. "
                        + "Install the prometheus package (apt-get install prometheus) to check the deployed "
                        + "Prometheus configuration, alert rules and every Grafana panel against a real Prometheus.");
    }
}
