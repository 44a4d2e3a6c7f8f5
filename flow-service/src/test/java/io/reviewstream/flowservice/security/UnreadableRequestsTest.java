package io.reviewstream.flowservice.security;

import io.reviewstream.embedded.RawHttp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the web server refuses before any controller sees them (escapes it will not decode, a request line or
 * header over its limit, TRACE) are answered in the AWS error shape too, so an SDK reports them as what they are.
 */
class UnreadableRequestsTest extends HostileInputService {

    static final Set<String> CODES = Set.of("ValidationException", "UnknownOperationException");
    static final String FLOW_ARN = "arn%3Aaws%3Asagemaker%3Aus-east-1%3A111122223333%3Aflow-definition%2Ff";

    @Test
    void escapesTheServerWillNotDecodeInALoopNameAreAValidationError() throws Exception {
        for (String name : List.of("a%2Fb", "a%00b", "a%5Cb", "a%ffb", "%2e%2e", "a%2F..%2F..%2Fb")) {
            for (String method : List.of("GET", "DELETE")) {
                RawHttp.Response response = runtime(method, "/human-loops/" + name, new byte[0]);
                assertAwsError(method + " " + name, response, "application/json");
            }
        }
    }

    @Test
    void aRequestLineOrHeaderOverTheLimitIsAValidationError() throws Exception {
        RawHttp.Response longToken = runtime("GET", "/human-loops?FlowDefinitionArn=" + FLOW_ARN + "&NextToken="
                + "A".repeat(9_000), new byte[0]);
        // a request line over the limit is not read at all, so which of the two APIs it was for is unknown
        assertAwsError("9,000-character NextToken", longToken, "application/");

        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        List<String[]> headers = new ArrayList<>(SIGNER.sign("POST", port, "/", Map.of("Content-Type",
                "application/x-amz-json-1.1", "X-Amz-Target", "SageMaker.ListWorkteams"), body));
        headers.add(new String[]{"X-Padding", "p".repeat(20_000)});
        RawHttp.Response bigHeader = RawHttp.send(port, "POST", "/", headers, body);
        assertAwsError("20 KB header", bigHeader, "application/x-amz-json-1.1");
    }

    /**
     * The body is announced and never sent: an answer comes only if the server refuses without waiting for it, as it
     * must for a caller without a key, and for a body over the limit.
     */
    @Test
    void bodiesAreNotReadForACallerWithoutAKeyNorOverTheLimit() throws Exception {
        long announced = 25L * 1024 * 1024;
        List<String[]> json = new ArrayList<>();
        json.add(new String[]{"Content-Type", "application/json"});
        RawHttp.Response unsigned = RawHttp.send(port, "POST", "/human-loops", json, new byte[0], announced);
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");

        byte[] signedFor = "{}".getBytes(StandardCharsets.UTF_8);
        List<String[]> headers = SIGNER.sign("POST", port, "/", Map.of("Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "SageMaker.ListWorkteams"), signedFor);
        RawHttp.Response tooLarge = RawHttp.send(port, "POST", "/", headers, new byte[0], announced);
        assertAwsError("announced 25 MiB", tooLarge, "application/x-amz-json-1.1");
        assertThat(tooLarge.text()).contains("larger than");
    }

    @Test
    void traceIsNoOperation() throws Exception {
        // the SDK's signer knows no TRACE: the request carries a GET's signature, which Tomcat never gets to check
        RawHttp.Response signed = RawHttp.send(port, "TRACE", "/human-loops/x",
                SIGNER.sign("GET", port, "/human-loops/x", Map.of(), new byte[0]), new byte[0]);
        assertAwsError("signed TRACE", signed, "application/json");
        assertThat(signed.header("x-amzn-ErrorType")).isEqualTo("UnknownOperationException");
        RawHttp.Response unsigned = RawHttp.send(port, "TRACE", "/", List.of(), new byte[0]);
        assertAwsError("unsigned TRACE", unsigned, "application/x-amz-json-1.1");
        assertThat(unsigned.text()).doesNotContain("TRACE / HTTP/1.1");
    }

    private static void assertAwsError(String what, RawHttp.Response response, String contentType) {
        assertThat(problems(response, CODES)).as(what + ": " + response.status() + " " + abbreviated(response.text()))
                .isEmpty();
        assertThat(response.status()).as(what).isBetween(400, 499);
        assertThat(response.header("Content-Type")).as(what).startsWith(contentType);
    }
}
