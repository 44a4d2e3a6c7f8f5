package io.reviewstream.flowservice.kafka;

/**
 * A write Kafka did not confirm, or that this instance's view did not show, in time; the call may be retried. The
 * cause is for the log: Kafka's text names brokers and limits, which is nothing to tell a caller.
 */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
