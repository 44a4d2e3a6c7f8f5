package io.reviewstream.resultwriter.storage;

import io.minio.errors.ErrorResponseException;
import io.minio.messages.ErrorResponse;
import io.reviewstream.resultwriter.domain.OutputLocation;
import io.reviewstream.schemas.s3.InvalidS3NameException;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The object store's own answers are exercised on the real S3 server in ResultWriterIntegrationTest; here every
 * class of answer S3 documents, including those the test server cannot be made to give.
 */
class WriteFailuresTest {

    private static final OutputLocation LOCATION = new OutputLocation("reviewstream-output", "out/x/output.json");

    @ParameterizedTest
    @CsvSource({"AccessDenied, 403", "NoSuchBucket, 404", "InvalidBucketName, 400", "KeyTooLongError, 400",
            "InvalidArgument, 400", "AllAccessDisabled, 403", "BucketAlreadyExists, 409", "EntityTooLarge, 400",
            "PermanentRedirect, 301", "MethodNotAllowed, 405"})
    void answersAboutTheBucketOrObjectArePermanent(String code, int status) {
        assertThat(WriteFailures.permanent(answer(code, status), LOCATION)).hasValueSatisfying(reason ->
                assertThat(reason).isEqualTo("The object store refused the output for good: " + code + " (HTTP "
                        + status + ") for bucket 'reviewstream-output'"));
    }

    @ParameterizedTest
    @CsvSource({"SlowDown, 503", "ServiceUnavailable, 503", "InternalError, 500", "RequestTimeout, 400",
            "RequestTimeout, 408", "TooManyRequests, 429", "RequestTimeTooSkewed, 403", "InvalidAccessKeyId, 403",
            "SignatureDoesNotMatch, 403", "ExpiredToken, 400", "OperationAborted, 409", "TemporaryRedirect, 307",
            "Whatever, 502"})
    void outagesThrottlingAndTheWritersOwnCredentialsOrClockAreTransient(String code, int status) {
        assertThat(WriteFailures.permanent(answer(code, status), LOCATION)).isEmpty();
    }

    @Test
    void noAnswerAtAllIsTransient() {
        assertThat(WriteFailures.permanent(new ConnectException("Connection refused"), LOCATION)).isEmpty();
        assertThat(WriteFailures.permanent(new SocketTimeoutException("timeout"), LOCATION)).isEmpty();
        assertThat(WriteFailures.permanent(new IOException("unexpected end of stream"), LOCATION)).isEmpty();
        assertThat(WriteFailures.permanent(new ExecutionException(new ConnectException("refused")), LOCATION))
                .isEmpty();
    }

    @Test
    void namesThatBreakS3sRulesArePermanentWithTheRuleAsReason() {
        assertThat(WriteFailures.permanent(new InvalidS3NameException("Bucket name 'b' must be 3 to 63 characters "
                + "long"), LOCATION)).contains("The output location is not valid: Bucket name 'b' must be 3 to 63 "
                + "characters long");
        assertThat(WriteFailures.permanent(new IllegalArgumentException("object name with '..' path segment is not "
                + "supported"), LOCATION)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("'reviewstream-output'").doesNotContain("supported"));
    }

    @Test
    void aWrappedAnswerIsClassifiedByItsCause() {
        assertThat(WriteFailures.permanent(new ExecutionException(answer("NoSuchBucket", 404)), LOCATION))
                .isPresent();
        assertThat(WriteFailures.permanent(new ExecutionException(answer("SlowDown", 503)), LOCATION)).isEmpty();
    }

    private static ErrorResponseException answer(String code, int status) {
        Response response = new Response.Builder().request(new Request.Builder().url("http://s3.test/b/k").build())
                .protocol(Protocol.HTTP_1_1).code(status).message(code).build();
        return new ErrorResponseException(new ErrorResponse(code, "message", "reviewstream-output", "k", "/b/k",
                "req", "host"), response, "");
    }
}
