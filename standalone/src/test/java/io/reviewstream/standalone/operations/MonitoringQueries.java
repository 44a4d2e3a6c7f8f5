package io.reviewstream.standalone.operations;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    /** The label list that may follow {@code or}, which belongs to neither operand. */
    private static final Pattern OR_MODIFIER = Pattern.compile("\\s*(on|ignoring)\\s*\\([^)]*\\)");

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

    /**
     * The operands of every {@code or} in a query, each a query of its own. A fallback such as
     * {@code rate(x_total[1m]) or y * 0} answers even when {@code x_total} is misspelt, so only its operands, run
     * alone, show that every metric it names exists. {@code or} binds loosest, so its operands reach from one
     * {@code or} to the next, up to the enclosing parenthesis or argument comma.
     */
    static List<String> orOperands(String expr) {
        List<String> operands = new ArrayList<>();
        Deque<List<Integer>> groups = new ArrayDeque<>();
        groups.push(new ArrayList<>(List.of(0)));
        int braces = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(expr, i);
            } else if (c == '{' || c == '[') {
                braces++;
            } else if (c == '}' || c == ']') {
                braces--;
            } else if (braces > 0) {
                continue;
            } else if (c == '(') {
                groups.push(new ArrayList<>(List.of(i + 1)));
            } else if (c == ')' || c == ',') {
                close(expr, groups.pop(), i, operands);
                if (c == ',') {
                    groups.push(new ArrayList<>(List.of(i + 1)));
                }
            } else if (isOr(expr, i)) {
                var modifier = OR_MODIFIER.matcher(expr).region(i + 2, expr.length());
                int next = modifier.lookingAt() ? modifier.end() : i + 2;
                groups.peek().add(i);
                groups.peek().add(next);
                i = next - 1;
            }
        }
        close(expr, groups.pop(), expr.length(), operands);
        return operands;
    }

    /** A group's boundaries are its start, then each {@code or}'s start and end. */
    private static void close(String expr, List<Integer> bounds, int end, List<String> operands) {
        if (bounds.size() == 1) {
            return;
        }
        bounds.add(end);
        for (int k = 0; k < bounds.size(); k += 2) {
            operands.add(expr.substring(bounds.get(k), bounds.get(k + 1)).trim());
        }
    }

    private static boolean isOr(String expr, int i) {
        return expr.startsWith("or", i) && (i == 0 || !identifier(expr.charAt(i - 1)))
                && (i + 2 == expr.length() || !identifier(expr.charAt(i + 2)));
    }

    private static boolean identifier(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private static int endOfString(String expr, int start) {
        char quote = expr.charAt(start);
        for (int i = start + 1; i < expr.length(); i++) {
            if (expr.charAt(i) == '\\' && quote != '`') {
                i++;
            } else if (expr.charAt(i) == quote) {
                return i;
            }
        }
        return expr.length();
    }
}
