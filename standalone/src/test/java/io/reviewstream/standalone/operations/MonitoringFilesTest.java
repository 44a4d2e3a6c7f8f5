package io.reviewstream.standalone.operations;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.reviewstream.standalone.operations.PrometheusAssumptions.assumePrometheusInstalled;
import static org.assertj.core.api.Assertions.assertThat;

/** The deployed Prometheus and Grafana files are valid for the tools that load them. */
class MonitoringFilesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void promtoolAcceptsTheConfigurationAndTheAlertRules() {
        assumePrometheusInstalled();
        assertThat(PrometheusServer.promtool("check", "config",
                DeployFiles.deploy("prometheus/prometheus.yml").toString())).contains("SUCCESS");
        assertThat(PrometheusServer.promtool("check", "rules",
                DeployFiles.deploy("prometheus/alerts.yml").toString())).contains("SUCCESS");
    }

    @Test
    void everyDashboardIsCurrentGrafanaJsonWithADataSourceVariableAndAQueryPerPanel() throws IOException {
        List<Path> dashboards = dashboards();
        assertThat(dashboards).extracting(path -> path.getFileName().toString())
                .contains("human-review-operations.json", "reviewstream-services.json");
        for (Path file : dashboards) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertThat(dashboard.path("schemaVersion").asInt()).as(file + " schemaVersion").isGreaterThanOrEqualTo(39);
            assertThat(dashboard.path("uid").asString()).as(file + " uid").isNotBlank();
            assertThat(dashboard.path("templating").path("list").valueStream()
                    .filter(variable -> variable.path("name").asString().equals("datasource")))
                    .as(file + " datasource variable").singleElement()
                    .satisfies(variable -> assertThat(variable.path("type").asString()).isEqualTo("datasource"));
            for (JsonNode panel : dashboard.path("panels")) {
                if (panel.path("type").asString().equals("row")) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
                        .isEqualTo("${datasource}");
                assertThat(panel.path("targets").valueStream().map(target -> target.path("expr").asString("")))
                        .as(file.getFileName() + " / " + panel.path("title").asString()).isNotEmpty()
                        .allSatisfy(expr -> assertThat(expr).isNotBlank());
            }
        }
    }

    @Test
    void grafanaVariablesAreReplacedTheWayGrafanaReplacesThemForAll() {
        assertThat(MonitoringQueries.substitute(
                "sum(rate(x{flow=~\"$flow\", team=~\"${team}\"}[$__rate_interval])) / increase(y[$__range])",
                List.of("datasource", "flow", "team")))
                .isEqualTo("sum(rate(x{flow=~\".*\", team=~\".*\"}[1m])) / increase(y[5m])");
    }

    @Test
    void alertComparisonsBecomeZeroOrOneSoThatAQuietSystemStillAnswers() {
        assertThat(MonitoringQueries.alerts(DeployFiles.deploy("prometheus/alerts.yml")))
                .extracting(MonitoringQueries.Query::expr)
                .isNotEmpty()
                .allSatisfy(expr -> assertThat(expr).containsPattern(" (==|!=|>=|<=|>|<) bool "));
    }

    @Test
    void everyOperandOfAnOrIsFoundAtItsOwnNestingLevel() {
        assertThat(MonitoringQueries.orOperands(
                "sum by (team) (rate(a_total{team=~\"or\"}[1m])) or on (team) sum by (team) (b) * 0"))
                .containsExactly("sum by (team) (rate(a_total{team=~\"or\"}[1m]))", "sum by (team) (b) * 0");
        assertThat(MonitoringQueries.orOperands("(x or y or z_or) / sum(w)")).containsExactly("x", "y", "z_or");
        assertThat(MonitoringQueries.orOperands("histogram_quantile(0.9, a or b)")).containsExactly("a", "b");
        assertThat(MonitoringQueries.orOperands("sort_desc(sum by (team, flow) (x))")).isEmpty();
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.deploy("grafana/dashboards"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }
}
