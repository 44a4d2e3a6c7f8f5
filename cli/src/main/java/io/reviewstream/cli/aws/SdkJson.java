package io.reviewstream.cli.aws;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * AWS SDK requests from the JSON the AWS CLI takes with {@code --cli-input-json} (PascalCase member names, as on the
 * wire), and responses back to the JSON the AWS CLI prints. Driven by the SDK's own field metadata, so every
 * operation and every member of its shape is covered, and an unknown member is refused as the AWS CLI refuses it.
 */
public final class SdkJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SdkJson() {
    }

    /** Fills {@code builder} (a request or model builder) from {@code json} and builds it. */
    @SuppressWarnings("unchecked")
    public static <T> T read(JsonNode json, SdkBuilder<?, T> builder) {
        return (T) build((SdkPojo) builder, json, "");
    }

    public static ObjectNode write(SdkPojo pojo) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null && !isUnsetCollection(value)) {
                node.set(field.locationName(), toJson(field, value));
            }
        }
        return node;
    }

    private static Object build(SdkPojo builder, JsonNode json, String path) {
        if (!json.isObject()) {
            throw new IllegalArgumentException(where(path) + "must be a JSON object");
        }
        Map<String, SdkField<?>> fields = builder.sdkFields().stream()
                .collect(Collectors.toMap(SdkField::locationName, field -> field, (a, b) -> a, LinkedHashMap::new));
        for (Map.Entry<String, JsonNode> member : json.properties()) {
            SdkField<?> field = fields.get(member.getKey());
            if (field == null) {
                throw new IllegalArgumentException("Unknown parameter " + path + member.getKey()
                        + ", must be one of: " + String.join(", ", fields.keySet()));
            }
            if (!member.getValue().isNull()) {
                field.set(builder, fromJson(field, member.getValue(), path + member.getKey()));
            }
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object fromJson(SdkField<?> field, JsonNode value, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return build(field.constructor().get(), value, path + ".");
        }
        if (type == MarshallingType.LIST) {
            if (!value.isArray()) {
                throw new IllegalArgumentException(where(path) + "must be a JSON array");
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                list.add(fromJson(member, value.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            if (!value.isObject()) {
                throw new IllegalArgumentException(where(path) + "must be a JSON object");
            }
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                map.put(entry.getKey(), fromJson(member, entry.getValue(), path + "." + entry.getKey()));
            }
            return map;
        }
        return scalar(type, value, path);
    }

    private static Object scalar(MarshallingType<?> type, JsonNode value, String path) {
        if (type == MarshallingType.STRING) {
            // A JSON-valued string member (activation conditions, input content) may be written as the JSON itself
            return value.isString() ? value.asString() : JSON.writeValueAsString(value);
        }
        if (type == MarshallingType.BOOLEAN) {
            return requireType(value.isBoolean(), path, "a boolean", value::asBoolean);
        }
        if (type == MarshallingType.INTEGER) {
            return requireType(value.canConvertToInt(), path, "an integer", value::asInt);
        }
        if (type == MarshallingType.LONG) {
            return requireType(value.canConvertToLong(), path, "an integer", value::asLong);
        }
        if (type == MarshallingType.FLOAT) {
            return requireType(value.isNumber(), path, "a number", () -> (float) value.asDouble());
        }
        if (type == MarshallingType.DOUBLE) {
            return requireType(value.isNumber(), path, "a number", value::asDouble);
        }
        if (type == MarshallingType.INSTANT) {
            return instant(value, path);
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asString()));
        }
        throw new IllegalArgumentException(where(path) + "has a type this client cannot read");
    }

    private static Instant instant(JsonNode value, String path) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli((long) (value.asDouble() * 1000));
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where(path) + "must be an ISO-8601 instant or epoch seconds");
        }
    }

    private static Object requireType(boolean ok, String path, String what, Supplier<Object> value) {
        if (!ok) {
            throw new IllegalArgumentException(where(path) + "must be " + what);
        }
        return value.get();
    }

    private static JsonNode toJson(SdkField<?> field, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return write((SdkPojo) value);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            ((List<?>) value).forEach(element -> array.add(toJson(member, element)));
            return array;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode map = JsonNodeFactory.instance.objectNode();
            ((Map<?, ?>) value).forEach((key, element) -> map.set(key.toString(), toJson(member, element)));
            return map;
        }
        if (value instanceof Instant instant) {
            return JsonNodeFactory.instance.stringNode(instant.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return JsonNodeFactory.instance.stringNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        }
        return JSON.valueToTree(value);
    }

    /** The SDK's stand-in for a list or map the response did not carry. */
    private static boolean isUnsetCollection(Object value) {
        return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>
                || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>;
    }

    private static String where(String path) {
        return path.isEmpty() ? "The request " : "Parameter " + path + " ";
    }
}
