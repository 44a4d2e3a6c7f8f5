package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The confidence bounds of a condition ({@code <Prefix>LessThan}, {@code …LessThanEquals}, {@code …GreaterThan},
 * {@code …GreaterThanEquals}, {@code …Equals}); a value passes when it satisfies every bound given.
 */
public final class Comparison {

    private enum Operator { LESS_THAN, LESS_THAN_EQUALS, GREATER_THAN, GREATER_THAN_EQUALS, EQUALS }

    private record Bound(String name, Operator operator, double limit) {
    }

    private static final List<String> SUFFIXES =
            List.of("LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals", "Equals");

    private final List<Bound> bounds;

    private Comparison(List<Bound> bounds) {
        this.bounds = bounds;
    }

    /** Reads the bounds named {@code prefix + operator} from {@code parameters}; at least one is required. */
    public static Comparison parse(JsonNode parameters, String prefix, String path, boolean required)
            throws InvalidConditionsException {
        List<Bound> bounds = new ArrayList<>();
        add(bounds, parameters, prefix + "LessThan", Operator.LESS_THAN, path);
        add(bounds, parameters, prefix + "LessThanEquals", Operator.LESS_THAN_EQUALS, path);
        add(bounds, parameters, prefix + "GreaterThan", Operator.GREATER_THAN, path);
        add(bounds, parameters, prefix + "GreaterThanEquals", Operator.GREATER_THAN_EQUALS, path);
        add(bounds, parameters, prefix + "Equals", Operator.EQUALS, path);
        if (required && bounds.isEmpty()) {
            throw new InvalidConditionsException(path + ".ConditionParameters", "needs at least one of "
                    + String.join(", ", names(prefix)));
        }
        return new Comparison(List.copyOf(bounds));
    }

    /** The parameter names of the bounds with this prefix. */
    public static List<String> names(String prefix) {
        return SUFFIXES.stream().map(suffix -> prefix + suffix).toList();
    }

    /** Rejects bounds outside [min, max], e.g. A2I's confidences, which are percentages. */
    public Comparison requireWithin(double min, double max, String path) throws InvalidConditionsException {
        for (Bound bound : bounds) {
            if (bound.limit() < min || bound.limit() > max) {
                throw new InvalidConditionsException(path + ".ConditionParameters." + bound.name(),
                        "must be from " + fmt(min) + " to " + fmt(max) + ", not " + fmt(bound.limit()));
            }
        }
        return this;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    public boolean isEmpty() {
        return bounds.isEmpty();
    }

    public boolean test(double value) {
        for (Bound bound : bounds) {
            boolean pass = switch (bound.operator()) {
                case LESS_THAN -> value < bound.limit();
                case LESS_THAN_EQUALS -> value <= bound.limit();
                case GREATER_THAN -> value > bound.limit();
                case GREATER_THAN_EQUALS -> value >= bound.limit();
                case EQUALS -> value == bound.limit();
            };
            if (!pass) {
                return false;
            }
        }
        return true;
    }

    private static void add(List<Bound> bounds, JsonNode parameters, String name, Operator operator, String path)
            throws InvalidConditionsException {
        JsonNode value = parameters.get(name);
        if (value == null) {
            return;
        }
        if (!value.isNumber()) {
            throw new InvalidConditionsException(path + ".ConditionParameters." + name, "must be a number");
        }
        bounds.add(new Bound(name, operator, value.asDouble()));
    }
}
