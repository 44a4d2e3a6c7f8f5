package io.reviewstream.taskservice.domain;

/** A call arrived before the instance has the state it needs to answer it correctly; the caller may retry. */
public final class NotReadyException extends RuntimeException {

    public NotReadyException(String message) {
        super(message);
    }
}
