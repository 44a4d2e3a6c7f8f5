package io.reviewstream.schemas.serde;

import io.reviewstream.schemas.avro.Envelope;
import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.digest.Sha256;
import io.reviewstream.schemas.event.Envelopes;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Values of {@code rs.predictions}: Avro in the Confluent wire format, or a plain JSON object so that a producer in
 * any language can start without a registry. Always writes Avro.
 *
 * <p>JSON fields: {@code flowDefinitionName} (or {@code flowDefinitionArn}), {@code inputContent} (an object, or a
 * string holding one), and optionally {@code predictionId}, {@code humanLoopName}, {@code contentClassifiers},
 * {@code model}. Without a {@code predictionId} the id is derived from the record's bytes, so that a replayed
 * record keeps its id.
 */
public final class PredictionSerde implements Serde<Prediction>, Serializer<Prediction>, Deserializer<Prediction> {

    private static final String FLOW_ARN_MARKER = ":flow-definition/";

    private final AvroSerde<Prediction> avro;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final JsonTreeReader trees = new JsonTreeReader(json);
    private final Envelopes envelopes;

    public PredictionSerde(AvroSerde<Prediction> avro, Envelopes envelopes) {
        this.avro = avro;
        this.envelopes = envelopes;
    }

    @Override
    public byte[] serialize(String topic, Prediction data) {
        return avro.serialize(topic, data);
    }

    /**
     * A prediction and, when it arrived as JSON, its input already parsed, so that a consumer evaluating conditions
     * on it does not parse the same text a second time. A JSON prediction whose {@code inputContent} is an object
     * gets its text form only when something asks for it: a router needs the text only for the few predictions that
     * start a loop, and writing the object back to text cost as much as evaluating its conditions.
     */
    public static final class Parsed {

        private final Prediction prediction;
        private final JsonNode input;
        private final ObjectMapper json;

        Parsed(Prediction prediction, JsonNode input, ObjectMapper json) {
            this.prediction = prediction;
            this.input = input;
            this.json = json;
        }

        /** The complete prediction, {@code inputContent} included. */
        public Prediction prediction() {
            if (prediction.getInputContent() == null) {
                prediction.setInputContent(json.writeValueAsString(input));
            }
            return prediction;
        }

        /** The prediction's {@code inputContent} as text. */
        public String inputContent() {
            return prediction().getInputContent();
        }

        /**
         * The prediction with every field but {@code inputContent}, which may not be rendered yet: read it through
         * {@link #inputContent()}.
         */
        public Prediction fields() {
            return prediction;
        }

        /** The parsed {@code inputContent}, or null when the record was Avro. */
        public JsonNode input() {
            return input;
        }
    }

    @Override
    public Prediction deserialize(String topic, byte[] data) {
        Parsed parsed = parse(topic, data);
        return parsed == null ? null : parsed.prediction();
    }

    /** As {@link #deserialize}, keeping the parsed input of a JSON prediction. */
    public Parsed parse(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == AvroSerde.MAGIC_BYTE) {
            return new Parsed(avro.deserialize(topic, data), null, json);
        }
        return fromJson(data);
    }

    /** Parses the JSON form; the message of the exception says which field is wrong. */
    public Parsed fromJson(byte[] data) {
        JsonNode root;
        try {
            root = trees.read(data);
        } catch (JacksonException e) {
            throw new SerializationException("Prediction is neither Confluent-framed Avro nor valid JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SerializationException("Prediction JSON must be an object");
        }
        String flow = text(root, "flowDefinitionName");
        if (flow == null) {
            String arn = text(root, "flowDefinitionArn");
            if (arn == null || !arn.contains(FLOW_ARN_MARKER)) {
                throw new SerializationException(
                        "Prediction JSON needs flowDefinitionName or a flowDefinitionArn (…:flow-definition/<name>)");
            }
            flow = arn.substring(arn.indexOf(FLOW_ARN_MARKER) + FLOW_ARN_MARKER.length());
        }
        JsonNode input = root.get("inputContent");
        String inputContent;
        if (input == null || input.isNull()) {
            throw new SerializationException("Prediction JSON needs inputContent (a JSON object)");
        } else if (input.isObject()) {
            inputContent = null;
        } else if (input.isString()) {
            inputContent = input.asString();
            try {
                input = trees.read(inputContent);
            } catch (JacksonException e) {
                throw new SerializationException("Prediction inputContent string is not JSON: " + e.getOriginalMessage());
            }
            if (input == null || !input.isObject()) {
                throw new SerializationException("Prediction inputContent must hold a JSON object");
            }
        } else {
            throw new SerializationException("Prediction inputContent must be a JSON object or a string holding one");
        }
        String predictionId = text(root, "predictionId");
        if (predictionId == null) {
            predictionId = "sha256-" + Sha256.hex(data).substring(0, 32);
        }
        List<String> classifiers = new ArrayList<>();
        JsonNode classifierNode = root.get("contentClassifiers");
        if (classifierNode != null && !classifierNode.isNull()) {
            if (!classifierNode.isArray()) {
                throw new SerializationException("Prediction contentClassifiers must be an array of strings");
            }
            classifierNode.forEach(c -> classifiers.add(c.asString()));
        }
        Envelope envelope = envelopes.derived("prediction:" + predictionId, predictionId);
        // The constructor, not the builder: the builder refuses the null that stands for "not rendered yet".
        return new Parsed(new Prediction(envelope, predictionId, flow, text(root, "humanLoopName"), inputContent,
                classifiers, text(root, "model")), input, json);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new SerializationException("Prediction field " + field + " must be a string");
        }
        String value = node.asString();
        return value.isBlank() ? null : value;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // Configured at construction.
    }

    @Override
    public void close() {
        // Shared between clients: nothing to release per client.
    }

    @Override
    public Serializer<Prediction> serializer() {
        return this;
    }

    @Override
    public Deserializer<Prediction> deserializer() {
        return this;
    }
}
