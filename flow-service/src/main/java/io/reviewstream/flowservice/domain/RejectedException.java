package io.reviewstream.flowservice.domain;

/** A call the domain refuses, with the reason and a message for the caller. */
public class RejectedException extends RuntimeException {

    private final Rejection rejection;

    public RejectedException(Rejection rejection, String message) {
        super(message);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    public static RejectedException notFound(String message) {
        return new RejectedException(Rejection.NOT_FOUND, message);
    }

    public static RejectedException invalid(String message) {
        return new RejectedException(Rejection.INVALID, message);
    }
}
