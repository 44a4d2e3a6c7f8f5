package io.reviewstream.flowservice.console.deadletter;

import io.reviewstream.schemas.deadletter.DeadLetters;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a dead letter is shown: its headers as text, and its key and value as JSON when they are JSON, decoded
 * through the schema registry when they are Avro in the registry's framing, else as text or, for bytes that are no
 * text, as hex.
 */
public final class DeadLetterContent {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte AVRO_MAGIC = 0;
    private static final int AVRO_HEADER = 5;

    private final SchemaRegistryClient registry;
    private final int maxShownBytes;

    public DeadLetterContent(SchemaRegistryClient registry, int maxShownBytes) {
        this.registry = registry;
        this.maxShownBytes = maxShownBytes;
    }

    /** What a page lists of a record: where it is, when, why and from where. */
    public ObjectNode summary(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", new DeadLetterPosition(record.partition(), record.offset()).toString())
                .put("partition", record.partition())
                .put("offset", record.offset())
                .put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString())
                .put("sourceTopic", DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC))
                .put("reason", DeadLetters.header(record.headers(), DeadLetters.REASON))
                .put("message", DeadLetters.header(record.headers(), DeadLetters.MESSAGE))
                .put("service", DeadLetters.header(record.headers(), DeadLetters.SERVICE))
                .put("replays", DeadLetterReplay.replays(record.headers()));
        return node;
    }

    /** The whole record: its summary, every header, the key and the value. */
    public ObjectNode detail(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode node = summary(record);
        var headers = node.putArray("headers");
        for (Header header : record.headers()) {
            headers.addObject().put("name", header.key()).put("value", text(header.value()).orElseGet(() ->
                    "0x" + HexFormat.of().formatHex(header.value())));
        }
        node.set("key", content(record.key()));
        node.set("value", content(record.value()));
        return node;
    }

    private ObjectNode content(byte[] bytes) {
        ObjectNode node = JSON.createObjectNode();
        if (bytes == null) {
            return node.put("format", "null");
        }
        node.put("size", bytes.length);
        Optional<String> text = text(bytes);
        if (text.isPresent()) {
            try {
                JsonNode json = JSON.readTree(text.get());
                if (json.isContainer()) {
                    return node.put("format", "json").put("content", JSON.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(json));
                }
            } catch (JacksonException notJson) {
                // shown as text below
            }
        }
        Optional<String> avro = avro(bytes);
        if (avro.isPresent()) {
            return node.put("format", "avro").put("schemaId", ByteBuffer.wrap(bytes, 1, 4).getInt())
                    .put("content", avro.get());
        }
        if (text.isPresent()) {
            return node.put("format", "text").put("content", shown(text.get()));
        }
        byte[] shown = bytes.length > maxShownBytes ? Arrays.copyOf(bytes, maxShownBytes) : bytes;
        return node.put("format", "hex").put("content", HexFormat.ofDelimiter(" ").formatHex(shown))
                .put("truncated", shown.length < bytes.length);
    }

    /** The record decoded with the schema the registry has under its id, as pretty JSON. */
    private Optional<String> avro(byte[] bytes) {
        if (bytes.length <= AVRO_HEADER || bytes[0] != AVRO_MAGIC) {
            return Optional.empty();
        }
        try {
            Schema schema = registry.schemaById(ByteBuffer.wrap(bytes, 1, 4).getInt());
            Object value = new GenericDatumReader<>(schema).read(null, DecoderFactory.get()
                    .binaryDecoder(bytes, AVRO_HEADER, bytes.length - AVRO_HEADER, null));
            String json = GenericData.get().toString(value);
            try {
                return Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json)));
            } catch (JacksonException e) {
                return Optional.of(json);
            }
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private String shown(String text) {
        return text.length() > maxShownBytes ? text.substring(0, maxShownBytes) + "…" : text;
    }

    /** The bytes as UTF-8 text, if they are that and hold no control characters but line breaks and tabs. */
    private static Optional<String> text(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            String text = chars.toString();
            return text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t') ? Optional.empty()
                    : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
