package io.reviewstream.resultwriter.storage;

import io.minio.errors.ErrorResponseException;
import io.reviewstream.resultwriter.domain.OutputLocation;
import io.reviewstream.schemas.s3.InvalidS3NameException;
import io.reviewstream.schemas.s3.S3Names;

import java.util.Optional;
import java.util.Set;

/**
 * Tells a write that can never succeed from one that may succeed later. Permanent: a bucket name or key that breaks
 * S3's rules, and an error answer of the object store about this bucket or object (AccessDenied, NoSuchBucket,
 * InvalidBucketName, KeyTooLong, InvalidArgument, a redirect to another region, any other 3xx or 4xx). Transient:
 * everything else, that is no answer at all (connection refused, reset, timed out), a 5xx (SlowDown, InternalError,
 * ServiceUnavailable), 408 and 429, and the few 4xx codes that say something about the writer's own credentials,
 * clock or a concurrent operation rather than about the object: those would fail every flow's writes alike, and
 * failing each loop for them would turn an operator's fix into lost loops, so they are waited out.
 */
public final class WriteFailures {

    /** 4xx codes that are no property of the bucket or object: retried like an outage. */
    private static final Set<String> RETRIED_CODES = Set.of("RequestTimeout", "RequestTimeTooSkewed",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "TokenRefreshRequired", "InvalidToken",
            "OperationAborted", "TemporaryRedirect", "SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded");

    private WriteFailures() {
    }

    /**
     * Why writing to {@code location} can never succeed, worded for a loop's {@code FailureReason} (no exception
     * text, which may carry internals); empty when retrying may help.
     */
    public static Optional<String> permanent(Exception failure, OutputLocation location) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidS3NameException invalid) {
                return Optional.of(notValid(invalid));
            }
            if (cause instanceof ErrorResponseException answer) {
                return refused(answer, location);
            }
            if (cause instanceof IllegalArgumentException) {
                // the object store client checks names before it sends anything
                return Optional.of("The object store client refused bucket '" + S3Names.shown(location.bucket())
                        + "' or key '" + S3Names.shown(location.key()) + "' as not valid");
            }
        }
        return Optional.empty();
    }

    /** The reason for a location that breaks S3's naming rules. */
    public static String notValid(InvalidS3NameException invalid) {
        return "The output location is not valid: " + invalid.getMessage();
    }

    private static Optional<String> refused(ErrorResponseException answer, OutputLocation location) {
        String code = answer.errorResponse() == null || answer.errorResponse().code() == null ? ""
                : answer.errorResponse().code();
        int status = answer.response() == null ? 0 : answer.response().code();
        if (RETRIED_CODES.contains(code) || status == 408 || status == 429 || status >= 500 || status < 300) {
            return Optional.empty();
        }
        return Optional.of("The object store refused the output for good: " + S3Names.shown(code) + " (HTTP "
                + status + ") for bucket '" + S3Names.shown(location.bucket()) + "'");
    }
}
