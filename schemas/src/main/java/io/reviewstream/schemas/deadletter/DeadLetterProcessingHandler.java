package io.reviewstream.schemas.deadletter;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Kafka Streams processing handler: a record whose processing threw becomes a dead letter carrying the source
 * record's original bytes, and the stream goes on. A {@link DeadLetterException} names the reason; anything else is
 * {@link DeadLetterReason#PROCESSING_FAILED}. Under exactly-once the dead letter is part of the same transaction as
 * the input offset, so it is neither lost nor duplicated.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic;
    private String service;
    private DeadLetterCounter counter;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = String.valueOf(configs.get(DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG));
        Object configuredService = configs.get(DeadLetterDeserializationHandler.SERVICE_CONFIG);
        service = configuredService == null ? "unknown" : configuredService.toString();
        counter = DeadLetterCounter.fromConfigs(configs, service);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        DeadLetterReason reason = exception instanceof DeadLetterException dead ? dead.reason()
                : DeadLetterReason.PROCESSING_FAILED;
        if (reason == DeadLetterReason.PROCESSING_FAILED) {
            log.error("Dead-lettering {}-{}@{} after an unexpected failure", context.topic(), context.partition(),
                    context.offset(), exception);
        } else {
            log.warn("Dead-lettering {}-{}@{}: {} {}", context.topic(), context.partition(), context.offset(),
                    reason, exception.getMessage());
        }
        if (counter != null) {
            counter.increment(context.topic(), reason);
        }
        var headers = DeadLetters.headers(context.headers(), reason, exception.getMessage(), exception, service,
                context.topic(), context.partition(), context.offset());
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context.sourceRawKey(),
                context.sourceRawValue(), headers)));
    }
}
