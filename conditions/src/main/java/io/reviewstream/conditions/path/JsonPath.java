package io.reviewstream.conditions.path;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of JSONPath that condition documents use, compiled once into a list of steps: {@code $}, {@code .name},
 * {@code ['name']}, {@code [n]}, {@code [*]} and {@code .*}. Compiling at flow-definition time keeps parsing out of
 * the per-prediction path.
 */
public final class JsonPath {

    private sealed interface Step permits Field, Index, Wildcard {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record Wildcard() implements Step {
    }

    private final String expression;
    private final List<Step> steps;

    private JsonPath(String expression, List<Step> steps) {
        this.expression = expression;
        this.steps = steps;
    }

    /** Parses {@code expression}; the exception message says what is wrong at which character. */
    public static JsonPath compile(String expression) {
        if (expression == null || !expression.startsWith("$")) {
            throw new IllegalArgumentException("a path must start with $");
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '.') {
                int start = ++i;
                if (i < expression.length() && expression.charAt(i) == '*') {
                    steps.add(new Wildcard());
                    i++;
                    continue;
                }
                while (i < expression.length() && expression.charAt(i) != '.' && expression.charAt(i) != '[') {
                    i++;
                }
                if (start == i) {
                    throw new IllegalArgumentException("empty field name at character " + start);
                }
                steps.add(new Field(expression.substring(start, i)));
            } else if (c == '[') {
                int close = expression.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed [ at character " + i);
                }
                String inside = expression.substring(i + 1, close).trim();
                if (inside.equals("*")) {
                    steps.add(new Wildcard());
                } else if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(new Field(inside.substring(1, inside.length() - 1)));
                } else {
                    try {
                        int index = Integer.parseInt(inside);
                        if (index < 0) {
                            throw new IllegalArgumentException("negative index at character " + i);
                        }
                        steps.add(new Index(index));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected *, an index or a quoted name inside [] at character " + i);
                    }
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at character " + i);
            }
        }
        return new JsonPath(expression, List.copyOf(steps));
    }

    /** Every node the path matches in {@code root}, in document order; empty when nothing matches. */
    public List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (step instanceof Field field) {
                    JsonNode child = node.isObject() ? node.get(field.name()) : null;
                    if (child != null) {
                        next.add(child);
                    }
                } else if (step instanceof Index index) {
                    if (node.isArray() && index.index() < node.size()) {
                        next.add(node.get(index.index()));
                    }
                } else if (node.isArray() || node.isObject()) {
                    node.forEach(next::add);
                }
            }
            current = next;
        }
        return current;
    }

    @Override
    public String toString() {
        return expression;
    }
}
