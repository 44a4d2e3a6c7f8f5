package io.reviewstream.flowservice.api;

import io.reviewstream.flowservice.auth.AuthenticationException;
import io.reviewstream.flowservice.domain.Rejection;

/**
 * Every error flow-service answers with, and how each protocol encodes it (a2i-compat.md §1.4, §2.2): the runtime
 * API uses the modeled HTTP status and the {@code …Exception} codes; the control plane answers client errors with
 * 400 and SageMaker's codes, which have no {@code Exception} suffix.
 */
public enum ApiError {

    VALIDATION("ValidationException", 400, "ValidationException", 400),
    SERIALIZATION("SerializationException", 400, "SerializationException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400, "UnknownOperationException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404, "ResourceNotFound", 400),
    RESOURCE_IN_USE("ConflictException", 409, "ResourceInUse", 400),
    RESOURCE_LIMIT_EXCEEDED("ServiceQuotaExceededException", 402, "ResourceLimitExceeded", 400),
    CONFLICT("ConflictException", 409, "ConflictException", 400),
    SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 402, "ResourceLimitExceeded", 400),
    THROTTLING("ThrottlingException", 429, "ThrottlingException", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403,
            "MissingAuthenticationTokenException", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 403, "IncompleteSignatureException", 400),
    INVALID_SIGNATURE("InvalidSignatureException", 403, "InvalidSignatureException", 400),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403, "UnrecognizedClientException", 400),
    INTERNAL("InternalServerException", 500, "InternalFailure", 500),
    UNAVAILABLE("InternalServerException", 500, "ServiceUnavailable", 503);

    private final String runtimeCode;
    private final int runtimeStatus;
    private final String controlPlaneCode;
    private final int controlPlaneStatus;

    ApiError(String runtimeCode, int runtimeStatus, String controlPlaneCode, int controlPlaneStatus) {
        this.runtimeCode = runtimeCode;
        this.runtimeStatus = runtimeStatus;
        this.controlPlaneCode = controlPlaneCode;
        this.controlPlaneStatus = controlPlaneStatus;
    }

    /** The answer to a domain's refusal. */
    public static ApiError of(Rejection rejection) {
        return switch (rejection) {
            case INVALID -> VALIDATION;
            case NOT_FOUND -> RESOURCE_NOT_FOUND;
            case IN_USE -> RESOURCE_IN_USE;
            case LIMIT_EXCEEDED -> RESOURCE_LIMIT_EXCEEDED;
            case CONFLICT -> CONFLICT;
            case QUOTA_EXCEEDED -> SERVICE_QUOTA_EXCEEDED;
            case UNDECIDED -> INTERNAL;
        };
    }

    /** The answer to a signature that does not hold. */
    public static ApiError of(AuthenticationException.Reason reason) {
        return switch (reason) {
            case MISSING_TOKEN -> MISSING_AUTHENTICATION_TOKEN;
            case INCOMPLETE_SIGNATURE -> INCOMPLETE_SIGNATURE;
            case INVALID_SIGNATURE -> INVALID_SIGNATURE;
            case UNRECOGNIZED_CLIENT -> UNRECOGNIZED_CLIENT;
        };
    }

    /**
     * The answer to a request the web server refused with {@code httpStatus} before any operation ran: a method or
     * path that is none of the API's, or something it could not read (escapes it will not decode, a request line,
     * header or body over its limits).
     */
    public static ApiError ofServerStatus(int httpStatus) {
        return switch (httpStatus) {
            case 404, 405, 501 -> UNKNOWN_OPERATION;
            case 503 -> UNAVAILABLE;
            default -> httpStatus < 500 ? VALIDATION : INTERNAL;
        };
    }

    public String code(Protocol protocol) {
        return protocol == Protocol.RUNTIME ? runtimeCode : controlPlaneCode;
    }

    public int status(Protocol protocol) {
        return protocol == Protocol.RUNTIME ? runtimeStatus : controlPlaneStatus;
    }
}
