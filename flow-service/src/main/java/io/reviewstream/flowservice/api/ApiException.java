package io.reviewstream.flowservice.api;

/**
 * A request refused by the API layer itself (a member that breaks the model, an unknown operation, a call over its
 * rate), with the error to answer. The domain's refusals are {@link io.reviewstream.flowservice.domain.Rejection}s.
 */
public class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(ApiError error, String message) {
        super(message);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }

    public static ApiException notFound(String message) {
        return new ApiException(ApiError.RESOURCE_NOT_FOUND, message);
    }

    public static ApiException validation(String message) {
        return new ApiException(ApiError.VALIDATION, message);
    }
}
