package io.reviewstream.flowservice.api;

/** A typed rejection: the request is refused with {@code error}, encoded for the caller's protocol. */
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
