package io.reviewstream.schemas.deadletter;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The dead-letter contract: the original key and value bytes, untouched, on {@code rs.dead-letters}, with the reason
 * and the record's origin in headers. Every service writes dead letters this way, whatever its client (Streams
 * handler, listener error handler or a topology branch), so one consumer can replay or inspect them all.
 */
public final class DeadLetters {

    public static final String REASON = "rs.dlq.reason";
    public static final String MESSAGE = "rs.dlq.message";
    public static final String EXCEPTION = "rs.dlq.exception";
    public static final String SERVICE = "rs.dlq.service";
    public static final String SOURCE_TOPIC = "rs.dlq.source.topic";
    public static final String SOURCE_PARTITION = "rs.dlq.source.partition";
    public static final String SOURCE_OFFSET = "rs.dlq.source.offset";
    /**
     * How many times the record was replayed from the dead-letter topic. Set on the replayed record, and so carried
     * with the original headers if it is dead-lettered again: what bounds its replays.
     */
    public static final String REPLAYS = "rs.dlq.replays";
    /** The headers a dead-lettering adds, which a replay takes off again. */
    public static final List<String> ADDED = List.of(REASON, MESSAGE, EXCEPTION, SERVICE,
            SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET);

    private DeadLetters() {
    }

    /** The headers of a dead letter, after the original record's own headers. */
    public static Headers headers(Headers original, DeadLetterReason reason, String message, Throwable exception,
                                  String service, String sourceTopic, int sourcePartition, long sourceOffset) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        put(headers, REASON, reason.name());
        put(headers, MESSAGE, message == null ? "" : message);
        if (exception != null) {
            put(headers, EXCEPTION, exception.getClass().getName());
        }
        put(headers, SERVICE, service);
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        return headers;
    }

    public static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, byte[] key, byte[] value,
                                                        Headers headers) {
        return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
    }

    /** Reads one of our headers as text, or null when absent. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
