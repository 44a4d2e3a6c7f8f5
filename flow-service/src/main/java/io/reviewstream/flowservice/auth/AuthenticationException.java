package io.reviewstream.flowservice.auth;

/** A call whose Signature Version 4 does not hold, with the reason AWS gives for it. */
public class AuthenticationException extends RuntimeException {

    /** The kinds of refusal AWS tells apart, each with its own error code. */
    public enum Reason {
        /** No Authorization header at all. */
        MISSING_TOKEN,
        /** The Authorization header lacks a part, or leaves unsigned what must be signed. */
        INCOMPLETE_SIGNATURE,
        /** The signature does not match, or was made too long ago or in the future. */
        INVALID_SIGNATURE,
        /** The access key is not one of the configured ones. */
        UNRECOGNIZED_CLIENT
    }

    private final Reason reason;

    public AuthenticationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
