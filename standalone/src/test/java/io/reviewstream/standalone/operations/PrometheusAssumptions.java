package io.reviewstream.standalone.operations;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Prometheus tests need the operating system's prometheus package. Without it they are skipped, unless
 * {@code -Dreviewstream.require-tools=true} (set by CI, which installs it) makes them fail.
 */
final class PrometheusAssumptions {

    private PrometheusAssumptions() {
    }

    static void assumePrometheusInstalled() {
        boolean installed = PrometheusServer.binary("prometheus").isPresent()
                && PrometheusServer.binary("promtool").isPresent();
        String missing = "the 'prometheus' and 'promtool' binaries are not on the PATH. "
                + "Install the prometheus package (apt-get install prometheus) to check the deployed "
                + "Prometheus configuration, alert rules and every Grafana panel against a real Prometheus.";
        if (!installed && Boolean.getBoolean("reviewstream.require-tools")) {
            fail("reviewstream.require-tools is set but " + missing);
        }
        assumeTrue(installed, "Skipped: " + missing);
    }
}
