package io.reviewstream.flowservice.api;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A request's members, read with the constraints of the service model (a2i-compat.md §1.3, §2.4). The SDKs check
 * almost nothing, so the server checks everything: each violation is collected and all of them are reported at
 * once, worded as AWS words them ({@code Value 'x' at 'memberName' failed to satisfy constraint: …}).
 * Unknown members are ignored, so that newer SDKs that send more are served.
 */
public final class Input {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** 9999-12-31T23:59:59Z: beyond it a number is no timestamp an SDK would send, and Instant overflows. */
    private static final BigDecimal LATEST_EPOCH_SECOND = BigDecimal.valueOf(253_402_300_799L);

    private final JsonNode node;
    private final String path;
    private final List<ApiException.Violation> violations;
    /** Members from a query string or URI path, where every value arrives as text. */
    private final boolean textual;

    private Input(JsonNode node, String path, List<ApiException.Violation> violations) {
        this(node, path, violations, false);
    }

    private Input(JsonNode node, String path, List<ApiException.Violation> violations, boolean textual) {
        this.node = node;
        this.path = path;
        this.violations = violations;
        this.textual = textual;
    }

    /** Members of a REST call's query string or URI labels. */
    public static Input ofQuery(Map<String, String> parameters) {
        ObjectNode members = JSON.createObjectNode();
        parameters.forEach(members::put);
        return new Input(members, "", new ArrayList<>(), true);
    }

    /** Parses a request body; an empty body is an empty object, as the SDKs send {@code {}} for no members. */
    public static Input parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new Input(JSON.createObjectNode(), "", new ArrayList<>());
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiException(ApiError.SERIALIZATION, "The request body must be a JSON object");
            }
            return new Input(node, "", new ArrayList<>());
        } catch (JacksonException e) {
            throw new ApiException(ApiError.SERIALIZATION, "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** A string member; null when absent (and a violation when required). */
    public String string(String member, boolean required, int minLength, int maxLength, Pattern pattern) {
        JsonNode value = member(member, required);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            violation(member, value, "Member must be a string");
            return null;
        }
        String text = value.stringValue();
        if (lengthWithin(member, text, text.length(), minLength, maxLength, "length")) {
            matches(member, value, text, pattern);
        }
        return text;
    }

    public String string(String member, boolean required, int minLength, int maxLength) {
        return string(member, required, minLength, maxLength, null);
    }

    /** A string member restricted to the model's enum values. */
    public String oneOf(String member, boolean required, Set<String> values) {
        String text = string(member, required, 0, Integer.MAX_VALUE);
        if (text != null && !values.contains(text)) {
            violation(member, node.get(member), "Member must satisfy enum value set: " + values);
            return null;
        }
        return text;
    }

    public Integer integer(String member, boolean required, long min, long max) {
        JsonNode value = member(member, required);
        if (value == null) {
            return null;
        }
        int number;
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            number = value.intValue();
        } else if (textual && value.isString() && value.stringValue().matches("-?[0-9]{1,9}")) {
            number = Integer.parseInt(value.stringValue());
        } else {
            violation(member, value, "Member must be an integer");
            return null;
        }
        lengthWithin(member, value, number, min, max, "value");
        return number;
    }

    /** A JSON 1.1 timestamp: epoch seconds, integral (boto3) or with a fraction (Java SDK). */
    public Instant epochSeconds(String member) {
        JsonNode value = member(member, false);
        if (value == null) {
            return null;
        }
        if (value.isNumber() && (!value.isFloatingPointNumber() || Double.isFinite(value.doubleValue()))) {
            BigDecimal seconds = value.decimalValue();
            if (seconds.abs().compareTo(LATEST_EPOCH_SECOND) <= 0) {
                return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
            }
        }
        if (value.isString()) {
            Instant parsed = Timestamps.parseIso(value.stringValue());
            if (parsed != null) {
                return parsed;
            }
        }
        violation(member, value, "Member must be a timestamp in epoch seconds");
        return null;
    }

    /** A REST-JSON timestamp: ISO-8601 (a2i-compat.md §1.4). */
    public Instant isoTimestamp(String member) {
        JsonNode value = member(member, false);
        if (value == null) {
            return null;
        }
        Instant parsed = value.isString() ? Timestamps.parseIso(value.stringValue()) : null;
        if (parsed == null) {
            violation(member, value, "Member must be an ISO-8601 timestamp");
        }
        return parsed;
    }

    /** A nested structure; null when absent (and a violation when required). */
    public Input object(String member, boolean required) {
        JsonNode value = member(member, required);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            violation(member, value, "Member must be a structure");
            return null;
        }
        return new Input(value, qualified(member), violations);
    }

    public List<Input> objects(String member, boolean required, int minItems, int maxItems) {
        JsonNode value = array(member, required, minItems, maxItems);
        if (value == null) {
            return null;
        }
        List<Input> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                violation(member + "." + (i + 1), item, "Member must be a structure");
            } else {
                items.add(new Input(item, qualified(member) + "." + (i + 1), violations));
            }
        }
        return items;
    }

    public List<String> strings(String member, boolean required, int minItems, int maxItems, int minLength,
                                int maxLength, Pattern pattern) {
        JsonNode value = array(member, required, minItems, maxItems);
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String name = member + "." + (i + 1);
            if (!item.isString()) {
                violation(name, item, "Member must be a string");
                continue;
            }
            String text = item.stringValue();
            if (lengthWithin(name, text, text.length(), minLength, maxLength, "length")) {
                matches(name, item, text, pattern);
            }
            items.add(text);
        }
        return items;
    }

    public boolean has(String member) {
        JsonNode value = node.get(member);
        return value != null && !value.isNull();
    }

    /** Adds a violation found by a rule the model cannot express (e.g. two members that exclude each other). */
    public void violation(String member, String constraint) {
        add(member, "Value at '" + qualified(member) + "' failed to satisfy constraint: " + constraint);
    }

    /** Throws ValidationException listing every violation found so far, in this input and its nested ones. */
    public void check() {
        if (violations.isEmpty()) {
            return;
        }
        String count = violations.size() == 1 ? "1 validation error detected: "
                : violations.size() + " validation errors detected: ";
        throw new ApiException(ApiError.VALIDATION,
                count + String.join("; ", violations.stream().map(ApiException.Violation::message).toList()),
                List.copyOf(violations));
    }

    private JsonNode member(String member, boolean required) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                add(member, "Value null at '" + qualified(member) + "' failed to satisfy constraint: "
                        + "Member must not be null");
            }
            return null;
        }
        return value;
    }

    private JsonNode array(String member, boolean required, int minItems, int maxItems) {
        JsonNode value = member(member, required);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            violation(member, value, "Member must be a list");
            return null;
        }
        lengthWithin(member, value, value.size(), minItems, maxItems, "length");
        return value;
    }

    /** @return whether the value is within bounds: only then is it worth matching against its pattern */
    private boolean lengthWithin(String member, Object value, long actual, long min, long max, String what) {
        if (actual < min) {
            violation(member, value, "Member must have " + what + " greater than or equal to " + min);
            return false;
        }
        if (actual > max) {
            violation(member, value, "Member must have " + what + " less than or equal to " + max);
            return false;
        }
        return true;
    }

    private void matches(String member, JsonNode value, String text, Pattern pattern) {
        if (pattern != null && !pattern.matcher(text).matches()) {
            violation(member, value, "Member must satisfy regular expression pattern: "
                    + Patterns.described(pattern));
        }
    }

    private void violation(String member, Object value, String constraint) {
        add(member, "Value " + shown(value) + " at '" + qualified(member) + "' failed to satisfy constraint: "
                + constraint);
    }

    /** The member is named as in the request ({@code HumanLoopConfig.TaskTitle}), for a form to place the message. */
    private void add(String member, String message) {
        String requested = String.join(".", Stream.of(path.split("\\.")).filter(p -> !p.isEmpty())
                .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1)).toList());
        violations.add(new ApiException.Violation(requested.isEmpty() ? member : requested + "." + member, message));
    }

    private static String shown(Object value) {
        String text = value instanceof JsonNode json ? (json.isString() ? json.stringValue() : json.toString())
                : String.valueOf(value);
        if (text.length() > 100) {
            text = text.substring(0, 100) + "…";
        }
        return "'" + text + "'";
    }

    private String qualified(String member) {
        String camel = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return path.isEmpty() ? camel : path + "." + camel;
    }
}
