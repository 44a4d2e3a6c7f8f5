package io.reviewstream.flowservice.security;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Signs a request with the AWS SDK's own SigV4 signer, as the SDKs would, and hands back the headers to send. */
final class Signer {

    private final String accessKey;
    private final String secretKey;

    Signer(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * @param target  the request target as sent: path and query, already percent-encoded
     * @param headers headers to sign besides Host and X-Amz-Date
     * @return the headers to send (without Host), signed ones first, then Authorization
     */
    List<String[]> sign(String method, int port, String target, Map<String, String> headers, byte[] body,
                        String region, String service, Instant at) {
        return sign(method, port, target, headers, body, region, service, at, true);
    }

    /** Signed with {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}, as the SDK signs S3 uploads over HTTPS. */
    List<String[]> signUnsignedPayload(String method, int port, String target, Map<String, String> headers,
                                       byte[] body) {
        return sign(method, port, target, headers, body, "us-east-1", "sagemaker", Instant.now(), false);
    }

    private List<String[]> sign(String method, int port, String target, Map<String, String> headers, byte[] body,
                                String region, String service, Instant at, boolean payloadSigned) {
        // the signer leaves a payload unsigned only over HTTPS; the scheme is not part of the signature
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create((payloadSigned ? "http" : "https") + "://localhost:" + port + target));
        headers.forEach(request::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(accessKey, secretKey))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigned)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, false)).request();
        List<String[]> out = new ArrayList<>();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> out.add(new String[]{name, value}));
            }
        });
        return out;
    }

    /** Percent-encodes all but RFC 3986's unreserved characters, as the SDKs encode URI labels and query values. */
    static String uriEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    List<String[]> sign(String method, int port, String target, Map<String, String> headers, byte[] body) {
        return sign(method, port, target, headers, body, "us-east-1", "sagemaker", Instant.now());
    }
}
