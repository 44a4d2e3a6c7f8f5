package io.reviewstream.standalone.operations;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL expression an operator relies on: each Grafana panel target and each alert rule, with Grafana's
 * template variables replaced the way Grafana would for "All" and a short range.
 */
final class MonitoringQueries {

    /** A query and where it comes from, e.g. "Human Review Operations / Open tasks [A]". */
    record Query(String origin, String expr) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The top-level comparison of an alert, made to return 0/1 so that a quiet system still returns series. */
    private static final Pattern COMPARISON = Pattern.compile("\\s(==|!=|>=|<=|>|<)\\s+(?!bool\\b)");

    private MonitoringQueries() {
    }

    static List<Query> dashboards(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted()
                    .flatMap(file -> dashboard(file).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> dashboard(Path file) {
        JsonNode dashboard = JSON.readTree(file.toFile());
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list")
                .forEach(variable -> variables.add(variable.path("name").asString()));
        List<Query> queries = new ArrayList<>();
        collect(dashboard.path("title").asString(), dashboard.path("panels"), variables, queries);
        return queries;
    }

    private static void collect(String title, JsonNode panels, List<String> variables, List<Query> queries) {
        for (JsonNode panel : panels) {
            collect(title, panel.path("panels"), variables, queries);
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString("");
                if (!expr.isBlank()) {
                    queries.add(new Query(title + " / " + panel.path("title").asString() + " ["
                            + target.path("refId").asString() + "]", substitute(expr, variables)));
                }
            }
        }
    }

    static String substitute(String expr, List<String> variables) {
        String result = expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", "15s").replace("$__range", "5m");
        for (String variable : variables) {
            result = result.replace("${" + variable + "}", ".*").replace("$" + variable, ".*");
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static List<Query> alerts(Path rulesFile) {
        Map<String, Object> rules;
        try (Reader reader = Files.newBufferedReader(rulesFile)) {
            rules = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Query> queries = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String name = String.valueOf(rule.getOrDefault("alert", rule.get("record")));
                String expr = String.valueOf(rule.get("expr"));
                queries.add(new Query("alert " + group.get("name") + " / " + name,
                        COMPARISON.matcher(expr).replaceAll(" $1 bool ")));
            }
        }
        return queries;
    }
}
