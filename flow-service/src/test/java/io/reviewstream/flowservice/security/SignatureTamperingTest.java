package io.reviewstream.flowservice.security;

import io.reviewstream.embedded.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests signed by the SDK's signer and changed afterwards, or signed wrongly, are refused in the AWS shape with
 * the code AWS gives, and what they asked for does not happen.
 */
class SignatureTamperingTest extends HostileInputService {

    static final Set<String> SIGNATURE_CODES = Set.of("MissingAuthenticationTokenException",
            "IncompleteSignatureException", "InvalidSignatureException", "UnrecognizedClientException");
    static final Map<String, String> CONTROL_PLANE = Map.of("Content-Type", "application/x-amz-json-1.1",
            "X-Amz-Target", "SageMaker.DescribeWorkteam");

    String team;
    byte[] describe;

    @BeforeEach
    void aTeam() throws IOException {
        team = "Tamper-" + RUN;
        describe = ("{\"WorkteamName\":\"" + team + "\"}").getBytes(StandardCharsets.UTF_8);
        if (controlPlane("DescribeWorkteam", describe).status() != 200) {
            assertThat(controlPlane("CreateWorkteam", ("{\"WorkteamName\":\"" + team + "\",\"Description\":\"d\","
                    + "\"MemberDefinitions\":[{\"OidcMemberDefinition\":{\"Groups\":[\"g\"]}}]}")
                    .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        }
    }

    @Test
    void anUntouchedRequestIsServed() throws IOException {
        assertThat(send("POST", "/", signed("POST", "/", CONTROL_PLANE, describe), describe).status()).isEqualTo(200);
    }

    @Test
    void aChangedBodyHeaderOrDateBreaksTheSignature() throws IOException {
        List<String[]> headers = signed("POST", "/", CONTROL_PLANE, describe);
        byte[] otherBody = ("{\"WorkteamName\":\"" + team.toUpperCase(Locale.ROOT) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        refused("altered body", send("POST", "/", headers, otherBody), 400, "InvalidSignatureException");
        refused("altered signed header", send("POST", "/", replace(headers, "Content-Type",
                v -> "application/json"), describe), 400, "InvalidSignatureException");
        refused("altered date", send("POST", "/", replace(headers, "X-Amz-Date",
                v -> v.substring(0, 13) + (v.charAt(13) == '0' ? '1' : '0') + v.substring(14)), describe), 400,
                "InvalidSignatureException");
    }

    @Test
    void aSignatureTooOldOrTooNewHasExpired() throws IOException {
        for (Duration offset : List.of(Duration.ofMinutes(-20), Duration.ofMinutes(20))) {
            List<String[]> headers = SIGNER.sign("POST", port, "/", CONTROL_PLANE, describe, "us-east-1",
                    "sagemaker", Instant.now().plus(offset));
            RawHttp.Response response = refused("signed " + offset, send("POST", "/", headers, describe), 400,
                    "InvalidSignatureException");
            assertThat(response.text()).containsAnyOf("Signature expired", "Signature not yet current");
        }
    }

    @Test
    void aWrongKeyOrScopeIsRefused() throws IOException {
        List<String[]> wrongSecret = new Signer(ACCESS_KEY, "not-the-secret").sign("POST", port, "/", CONTROL_PLANE,
                describe);
        refused("wrong secret", send("POST", "/", wrongSecret, describe), 400, "InvalidSignatureException");
        List<String[]> unknownKey = new Signer("AKIAUNKNOWN", SECRET_KEY).sign("POST", port, "/", CONTROL_PLANE,
                describe);
        refused("unknown key", send("POST", "/", unknownKey, describe), 400, "UnrecognizedClientException");
        List<String[]> headers = signed("POST", "/", CONTROL_PLANE, describe);
        refused("region changed in the scope", send("POST", "/", replace(headers, "Authorization",
                v -> v.replace("/us-east-1/", "/eu-west-1/")), describe), 400, "InvalidSignatureException");
        List<String[]> s3 = SIGNER.sign("POST", port, "/", CONTROL_PLANE, describe, "us-east-1", "s3",
                Instant.now());
        refused("signed for another service", send("POST", "/", s3, describe), 400, "InvalidSignatureException");
    }

    @Test
    void headersThatMustBeSignedAreRequired() throws IOException {
        List<String[]> headers = signed("POST", "/", CONTROL_PLANE, describe);
        refused("no X-Amz-Date", send("POST", "/", without(headers, "X-Amz-Date"), describe), 400,
                "IncompleteSignatureException");
        refused("Host not signed", send("POST", "/", replace(headers, "Authorization",
                v -> v.replace("SignedHeaders=", "SignedHeaders=x").replace("xcontent-type;host;", "content-type;")),
                describe), 400, "InvalidSignatureException");
        refused("no Authorization", send("POST", "/", without(headers, "Authorization"), describe), 400,
                "MissingAuthenticationTokenException");
    }

    /** Signed as a Describe, it would have deleted the team if the operation header were not covered. */
    @Test
    void anOperationHeaderAddedOrChangedAfterSigningIsRefused() throws IOException {
        List<String[]> unsignedTarget = signed("POST", "/", Map.of("Content-Type", "application/x-amz-json-1.1"),
                describe);
        List<String[]> added = new ArrayList<>(unsignedTarget);
        added.add(new String[]{"X-Amz-Target", "SageMaker.DeleteWorkteam"});
        RawHttp.Response response = refused("X-Amz-Target added", send("POST", "/", added, describe), 400,
                "IncompleteSignatureException");
        assertThat(response.text()).contains("X-Amz-Target");
        refused("X-Amz-Target changed", send("POST", "/", replace(signed("POST", "/", CONTROL_PLANE, describe),
                "X-Amz-Target", v -> "SageMaker.DeleteWorkteam"), describe), 400, "InvalidSignatureException");
        assertThat(controlPlane("DescribeWorkteam", describe).status()).as("the team is still there").isEqualTo(200);
    }

    @Test
    void aSignatureIsNoGoodForAnotherPathQueryOrMethod() throws IOException {
        List<String[]> describeLoop = signed("GET", "/human-loops/a", Map.of(), new byte[0]);
        refused("other path", send("GET", "/human-loops/b", describeLoop, new byte[0]), 403,
                "InvalidSignatureException");
        refused("other method", send("DELETE", "/human-loops/a", describeLoop, new byte[0]), 403,
                "InvalidSignatureException");
        String list = "/human-loops?FlowDefinitionArn=arn%3Aaws%3Asagemaker%3Aus-east-1%3A111122223333%3A"
                + "flow-definition%2Ff&MaxResults=1";
        List<String[]> listed = signed("GET", list, Map.of(), new byte[0]);
        refused("other query", send("GET", list.replace("MaxResults=1", "MaxResults=2"), listed, new byte[0]), 403,
                "InvalidSignatureException");
        refused("extra query parameter", send("GET", list + "&SortOrder=Ascending", listed, new byte[0]), 403,
                "InvalidSignatureException");
    }

    @Test
    void duplicateGarbageAndUnsignedPayloadAuthorizationsAreRefused() throws IOException {
        List<String[]> headers = signed("POST", "/", CONTROL_PLANE, describe);
        List<String[]> twice = new ArrayList<>(headers);
        twice.add(new String[]{"Authorization", value(headers, "Authorization")});
        refused("two Authorization headers", send("POST", "/", twice, describe), 400,
                "IncompleteSignatureException");
        for (String garbage : List.of("Bearer abc", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 " + "x".repeat(6_000),
                "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=zz",
                "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20260101/us-east-1/sagemaker/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64), "\u0001\u007f")) {
            refused("Authorization " + abbreviated(garbage), send("POST", "/", replace(headers, "Authorization",
                    v -> garbage), describe), 400, null);
        }
        List<String[]> unsigned = SIGNER.signUnsignedPayload("POST", port, "/", CONTROL_PLANE, describe);
        refused("UNSIGNED-PAYLOAD", send("POST", "/", unsigned, describe), 400, "IncompleteSignatureException");
        List<String[]> wrongHash = new ArrayList<>(headers);
        wrongHash.add(new String[]{"x-amz-content-sha256", "0".repeat(64)});
        refused("payload hash not of the body, unsigned", send("POST", "/", wrongHash, describe), 400,
                "InvalidSignatureException");
    }

    private List<String[]> signed(String method, String target, Map<String, String> headers, byte[] body) {
        return SIGNER.sign(method, port, target, headers, body);
    }

    private RawHttp.Response send(String method, String target, List<String[]> headers, byte[] body)
            throws IOException {
        return RawHttp.send(port, method, target, headers, body);
    }

    /**
     * @param code the code expected, or null for any of the signature codes, or ValidationException for a header
     *             the web server cannot read at all
     */
    private static RawHttp.Response refused(String what, RawHttp.Response response, int status, String code) {
        Set<String> allowed = new java.util.HashSet<>(SIGNATURE_CODES);
        if (code == null) {
            allowed.add("ValidationException");
        }
        assertThat(problems(response, allowed)).as(what + ": " + abbreviated(response.text())).isEmpty();
        assertThat(response.status()).as(what + ": " + abbreviated(response.text())).isEqualTo(status);
        if (code != null) {
            assertThat(response.header("x-amzn-ErrorType")).as(what + ": " + abbreviated(response.text()))
                    .isEqualTo(code);
        }
        return response;
    }

    private static List<String[]> replace(List<String[]> headers, String name, UnaryOperator<String> change) {
        List<String[]> out = new ArrayList<>();
        for (String[] header : headers) {
            out.add(header[0].equalsIgnoreCase(name) ? new String[]{header[0], change.apply(header[1])} : header);
        }
        return out;
    }

    private static List<String[]> without(List<String[]> headers, String name) {
        return headers.stream().filter(h -> !h[0].equalsIgnoreCase(name)).toList();
    }

    private static String value(List<String[]> headers, String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).findFirst().orElseThrow()[1];
    }
}
