package io.reviewstream.schemas.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Kafka Streams deserialization handler: an unparsable record becomes a dead letter in our header format and the
 * stream goes on. Configure with {@link #DEAD_LETTER_TOPIC_CONFIG} and {@link #SERVICE_CONFIG}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    public static final String DEAD_LETTER_TOPIC_CONFIG = "reviewstream.dead-letter.topic";
    public static final String SERVICE_CONFIG = "reviewstream.dead-letter.service";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;
    private String service;
    private DeadLetterCounter counter;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = String.valueOf(configs.get(DEAD_LETTER_TOPIC_CONFIG));
        Object configuredService = configs.get(SERVICE_CONFIG);
        service = configuredService == null ? "unknown" : configuredService.toString();
        counter = DeadLetterCounter.fromConfigs(configs, service);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        log.warn("Dead-lettering unparsable record {}-{}@{}: {}", record.topic(), record.partition(),
                record.offset(), exception.getMessage());
        if (counter != null) {
            counter.increment(record.topic(), DeadLetterReason.UNPARSABLE);
        }
        var headers = DeadLetters.headers(record.headers(), DeadLetterReason.UNPARSABLE, exception.getMessage(),
                exception, service, record.topic(), record.partition(), record.offset());
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, record.key(), record.value(), headers)));
    }
}
