package io.reviewstream.schemas.deadletter;

/**
 * Thrown by a processor for a record that must go to the dead-letter topic: the processing exception handler turns
 * it into a dead letter with this reason, and the stream goes on with the next record.
 */
public class DeadLetterException extends RuntimeException {

    private final DeadLetterReason reason;

    public DeadLetterException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
