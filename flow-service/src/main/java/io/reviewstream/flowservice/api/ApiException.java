package io.reviewstream.flowservice.api;

import java.util.List;

/**
 * A request refused by the API layer itself (a member that breaks the model, an unknown operation, a call over its
 * rate), with the error to answer. The domain's refusals are {@link io.reviewstream.flowservice.domain.Rejection}s.
 */
public class ApiException extends RuntimeException {

    /** One broken rule: the member as the request names it ({@code HumanLoopConfig.TaskTitle}) and the message. */
    public record Violation(String member, String message) {
    }

    private final ApiError error;
    private final List<Violation> violations;

    public ApiException(ApiError error, String message) {
        this(error, message, List.of());
    }

    public ApiException(ApiError error, String message, List<Violation> violations) {
        super(message);
        this.error = error;
        this.violations = violations;
    }

    public ApiError error() {
        return error;
    }

    /** The members that broke the model's rules, when the request was refused for them; else empty. */
    public List<Violation> violations() {
        return violations;
    }

    public static ApiException notFound(String message) {
        return new ApiException(ApiError.RESOURCE_NOT_FOUND, message);
    }

    public static ApiException validation(String message) {
        return new ApiException(ApiError.VALIDATION, message);
    }
}
