package io.reviewstream.cli;

/** An operation that failed for a reason the user can act on; its message is all that is printed (exit code 1). */
public final class OperationFailedException extends RuntimeException {

    public OperationFailedException(String message) {
        super(message);
    }
}
