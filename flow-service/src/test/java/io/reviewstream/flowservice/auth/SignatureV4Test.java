package io.reviewstream.flowservice.auth;

import io.reviewstream.flowservice.auth.AuthenticationException.Reason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests signed by the AWS SDK's own SigV4 signer, verified at chosen moments and after tampering. */
class SignatureV4Test {

    static final Instant SIGNED_AT = Instant.parse("2026-05-01T10:00:00Z");
    static final byte[] BODY = "{\"HumanLoopName\":\"claim-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aRequestSignedByTheSdkIsAcceptedWhateverRegionItWasSignedFor() {
        for (String region : List.of("us-east-1", "eu-central-1")) {
            assertThat(verifier(SIGNED_AT.plusSeconds(30)).verify(signed(region, "/human-loops",
                    "FlowDefinitionArn=arn%3Aaws%3Asagemaker%3Aus-east-1%3A111122223333%3Aflow-definition%2Ff"
                            + "&MaxResults=10", BODY))).isEqualTo("AKIAEXAMPLE");
        }
    }

    @Test
    void aChangedBodyPathOrQueryBreaksTheSignature() {
        SignatureV4.SignedRequest original = signed("us-east-1", "/human-loops/stop", "a=1", BODY);
        SignatureV4 verifier = verifier(SIGNED_AT);
        List<SignatureV4.SignedRequest> tampered = List.of(
                new SignatureV4.SignedRequest(original.method(), original.rawPath(), original.rawQuery(),
                        original.headers(), "{\"HumanLoopName\":\"claim-2\"}".getBytes(StandardCharsets.UTF_8)),
                new SignatureV4.SignedRequest(original.method(), "/human-loops/other", original.rawQuery(),
                        original.headers(), BODY),
                new SignatureV4.SignedRequest(original.method(), original.rawPath(), "a=2", original.headers(), BODY),
                new SignatureV4.SignedRequest("DELETE", original.rawPath(), original.rawQuery(), original.headers(),
                        BODY));
        for (SignatureV4.SignedRequest request : tampered) {
            assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(AuthenticationException.class, e ->
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE));
        }
    }

    @Test
    void aSignatureOlderOrNewerThanTheAllowedSkewHasExpired() {
        SignatureV4.SignedRequest request = signed("us-east-1", "/", null, BODY);
        assertThat(verifier(SIGNED_AT.plus(Duration.ofMinutes(14))).verify(request)).isEqualTo("AKIAEXAMPLE");
        assertThatThrownBy(() -> verifier(SIGNED_AT.plus(Duration.ofMinutes(16))).verify(request))
                .isInstanceOf(AuthenticationException.class).hasMessageStartingWith("Signature expired");
        assertThatThrownBy(() -> verifier(SIGNED_AT.minus(Duration.ofMinutes(16))).verify(request))
                .isInstanceOf(AuthenticationException.class).hasMessageStartingWith("Signature not yet current");
    }

    @Test
    void aSignedPayloadHashHeaderIsHonouredAndCheckedAndAnUnsignedPayloadRefused() {
        SignatureV4 verifier = verifier(SIGNED_AT);
        SignatureV4.SignedRequest unsigned = signed("https://localhost", "us-east-1", "/human-loops", null, BODY,
                false);
        assertThat(unsigned.headers().apply("x-amz-content-sha256")).containsExactly("UNSIGNED-PAYLOAD");
        assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOfSatisfying(AuthenticationException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_SIGNATURE);
                    assertThat(e.getMessage()).contains("UNSIGNED-PAYLOAD");
                });

        SignatureV4.SignedRequest hashed = signed("https://localhost", "us-east-1", "/human-loops", null, BODY,
                true);
        assertThat(hashed.headers().apply("x-amz-content-sha256")).hasSize(1);
        assertThat(verifier.verify(hashed)).isEqualTo("AKIAEXAMPLE");
        SignatureV4.SignedRequest otherBody = new SignatureV4.SignedRequest(hashed.method(), hashed.rawPath(),
                hashed.rawQuery(), hashed.headers(), "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(otherBody)).isInstanceOfSatisfying(AuthenticationException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
                    assertThat(e.getMessage()).contains("x-amz-content-sha256");
                });
    }

    @Test
    void missingMalformedAndUnknownCredentialsAreTheirOwnErrors() {
        SignatureV4 verifier = verifier(SIGNED_AT);
        assertThatThrownBy(() -> verifier.verify(new SignatureV4.SignedRequest("POST", "/", null,
                name -> List.of(), BODY))).isInstanceOfSatisfying(AuthenticationException.class, e ->
                assertThat(e.reason()).isEqualTo(Reason.MISSING_TOKEN));
        assertThatThrownBy(() -> verifier.verify(new SignatureV4.SignedRequest("POST", "/", null,
                name -> name.equals("authorization") ? List.of("AWS4-HMAC-SHA256 Credential=x") : List.of(), BODY)))
                .isInstanceOfSatisfying(AuthenticationException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_SIGNATURE));
        SignatureV4 otherKeys = new SignatureV4(Map.of("AKIAOTHER", "secret"), Duration.ofMinutes(15),
                Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        assertThatThrownBy(() -> otherKeys.verify(signed("us-east-1", "/", null, BODY)))
                .isInstanceOfSatisfying(AuthenticationException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.UNRECOGNIZED_CLIENT));
    }

    @Test
    void anOperationHeaderAddedAfterSigningIsRefused() {
        SignatureV4.SignedRequest original = signed("us-east-1", "/", null, BODY);
        SignatureV4.SignedRequest withTarget = new SignatureV4.SignedRequest(original.method(), original.rawPath(),
                original.rawQuery(), name -> name.equals("x-amz-target") ? List.of("SageMaker.DeleteWorkteam")
                : original.headers().apply(name), BODY);
        assertThatThrownBy(() -> verifier(SIGNED_AT).verify(withTarget))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_SIGNATURE);
                    assertThat(e.getMessage()).contains("X-Amz-Target");
                });
        SignatureV4.SignedRequest signedTarget = signed("http://localhost:8080", "us-east-1", "/", null, BODY, null,
                "SageMaker.ListWorkteams");
        assertThat(verifier(SIGNED_AT).verify(signedTarget)).isEqualTo("AKIAEXAMPLE");
    }

    @Test
    void twoAuthorizationHeadersOrAnotherServicesScopeAreRefused() {
        SignatureV4.SignedRequest original = signed("us-east-1", "/", null, BODY);
        String authorization = original.headers().apply("authorization").get(0);
        SignatureV4.SignedRequest twice = new SignatureV4.SignedRequest(original.method(), original.rawPath(),
                original.rawQuery(), name -> name.equals("authorization") ? List.of(authorization, authorization)
                : original.headers().apply(name), BODY);
        assertThatThrownBy(() -> verifier(SIGNED_AT).verify(twice))
                .isInstanceOfSatisfying(AuthenticationException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_SIGNATURE));
        SignatureV4.SignedRequest s3 = signed("http://localhost:8080", "us-east-1", "/", null, BODY, null, null,
                "s3");
        assertThatThrownBy(() -> verifier(SIGNED_AT).verify(s3))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
                    assertThat(e.getMessage()).contains("'sagemaker'");
                });
    }

    static SignatureV4 verifier(Instant now) {
        return new SignatureV4(Map.of("AKIAEXAMPLE", "example-secret"), Duration.ofMinutes(15),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    static SignatureV4.SignedRequest signed(String region, String path, String query, byte[] body) {
        return signed("http://localhost:8080", region, path, query, body, null);
    }

    /** @param payloadSigning null: the SDK's default for these services, which sends no payload hash header */
    static SignatureV4.SignedRequest signed(String base, String region, String path, String query, byte[] body,
                                            Boolean payloadSigning) {
        return signed(base, region, path, query, body, payloadSigning, null);
    }

    static SignatureV4.SignedRequest signed(String base, String region, String path, String query, byte[] body,
                                            Boolean payloadSigning, String target) {
        return signed(base, region, path, query, body, payloadSigning, target, "sagemaker");
    }

    /** @param target an X-Amz-Target to sign along, or null */
    static SignatureV4.SignedRequest signed(String base, String region, String path, String query, byte[] body,
                                            Boolean payloadSigning, String target, String service) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create(base + path + (query == null ? "" : "?" + query)))
                .putHeader("Content-Type", "application/json");
        if (target != null) {
            builder.putHeader("X-Amz-Target", target);
        }
        SdkHttpRequest request = builder.build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("AKIAEXAMPLE", "example-secret"))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning == null || payloadSigning)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, false));
        SdkHttpRequest out = signed.request();
        return new SignatureV4.SignedRequest(out.method().name(), out.encodedPath(), out.encodedQueryParameters()
                .orElse(null), name -> out.matchingHeaders(name), body);
    }
}
