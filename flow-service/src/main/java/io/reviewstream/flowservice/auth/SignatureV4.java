package io.reviewstream.flowservice.auth;

import io.reviewstream.flowservice.auth.AuthenticationException.Reason;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies AWS Signature Version 4 in the {@code Authorization} header, the way AWS does for the services whose
 * wire format flow-service speaks: the request is canonicalised (method, path encoded a second time, sorted query,
 * the signed headers, the body's SHA-256), and the signature recomputed with the caller's secret key for the
 * region the caller signed for. Any region is accepted, since clients sign for the region they are configured with;
 * the service must be {@value #SERVICE}, the signing name of both APIs, so that a signature made for another service
 * with the same key is no signature here.
 */
public final class SignatureV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String SERVICE = "sagemaker";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** Names the control-plane operation: a signature that leaves it out could be reused for another one. */
    private static final String TARGET = "x-amz-target";

    /** The parts of a request the signature covers. */
    public record SignedRequest(String method, String rawPath, String rawQuery,
                                Function<String, List<String>> headers, byte[] body) {
    }

    private final Map<String, String> secrets;
    private final Duration maxClockSkew;
    private final Clock clock;

    /** @param secrets secret access key by access key id */
    public SignatureV4(Map<String, String> secrets, Duration maxClockSkew, Clock clock) {
        this.secrets = Map.copyOf(secrets);
        this.maxClockSkew = maxClockSkew;
        this.clock = clock;
    }

    /** What the Authorization header and the headers it names say, as far as they hold without the body. */
    private record Authorization(String accessKeyId, String secret, String[] scope, List<String> signedHeaders,
                                 String amzDate, String signature) {
    }

    /**
     * The checks that need no body: the Authorization header's form, a known key, the scope, the signed headers and
     * the date. Run before the body is read, they keep a caller without a key from making the server take in a
     * body of the largest size.
     */
    public void checkHeaders(Function<String, List<String>> headers) {
        authorization(headers);
    }

    /** @return the caller's access key id; throws the error AWS answers with when the signature does not hold */
    public String verify(SignedRequest request) {
        Authorization auth = authorization(request.headers());
        String[] scope = auth.scope();
        String canonicalRequest = canonicalRequest(request, auth.signedHeaders(),
                payloadHash(request, auth.signedHeaders()));
        String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String stringToSign = ALGORITHM + "\n" + auth.amzDate() + "\n" + credentialScope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + auth.secret()).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, scope[4]);
        byte[] expected = hmac(key, stringToSign);
        if (!MessageDigest.isEqual(expected, HEX.parseHex(auth.signature()))) {
            throw new AuthenticationException(Reason.INVALID_SIGNATURE, "The request signature we calculated does "
                    + "not match the signature you provided. Check your AWS Secret Access Key and signing method. "
                    + "Consult the service documentation for details.");
        }
        return auth.accessKeyId();
    }

    private Authorization authorization(Function<String, List<String>> headers) {
        List<String> authorizations = headers.apply("authorization");
        if (authorizations.isEmpty()) {
            throw new AuthenticationException(Reason.MISSING_TOKEN, "Missing Authentication Token");
        }
        if (authorizations.size() > 1) {
            throw new AuthenticationException(Reason.INCOMPLETE_SIGNATURE,
                    "Only one Authorization header may be sent");
        }
        String authorization = authorizations.get(0).trim();
        if (!authorization.startsWith(ALGORITHM)) {
            throw new AuthenticationException(Reason.INCOMPLETE_SIGNATURE,
                    "Authorization header requires the " + ALGORITHM + " algorithm");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            throw new AuthenticationException(Reason.INCOMPLETE_SIGNATURE, "Authorization header requires "
                    + "'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=" + authorization);
        }
        String[] scope = m.group(1).split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw new AuthenticationException(Reason.INCOMPLETE_SIGNATURE, "Credential should be scoped to a valid "
                    + "region, not '" + m.group(1) + "'");
        }
        if (!SERVICE.equals(scope[3])) {
            throw new AuthenticationException(Reason.INVALID_SIGNATURE, "Credential should be scoped to correct "
                    + "service: '" + SERVICE + "'.");
        }
        String accessKeyId = scope[0];
        String secret = secrets.get(accessKeyId);
        if (secret == null) {
            throw new AuthenticationException(Reason.UNRECOGNIZED_CLIENT,
                    "The security token included in the request is invalid.");
        }
        List<String> signedHeaders = Arrays.asList(m.group(2).split(";"));
        if (!signedHeaders.contains("host")) {
            throw new AuthenticationException(Reason.INVALID_SIGNATURE, "'Host' must be a signed header");
        }
        if (!headers.apply(TARGET).isEmpty() && !signedHeaders.contains(TARGET)) {
            throw new AuthenticationException(Reason.INCOMPLETE_SIGNATURE,
                    "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String amzDate = first(headers.apply("x-amz-date"));
        if (amzDate == null || !signedHeaders.contains("x-amz-date")) {
            throw new AuthenticationException(Reason.INCOMPLETE_SIGNATURE, "Authorization header requires "
                    + "existence of a signed 'X-Amz-Date' header. Authorization=" + authorization);
        }
        checkDate(amzDate, scope[1]);
        return new Authorization(accessKeyId, secret, scope, signedHeaders, amzDate, m.group(3));
    }

    private void checkDate(String amzDate, String scopeDate) {
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw new AuthenticationException(Reason.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic "
                    + "format'. Got '" + amzDate + "'");
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(maxClockSkew))) {
            throw new AuthenticationException(Reason.INVALID_SIGNATURE, "Signature expired: " + amzDate
                    + " is now earlier than " + AMZ_DATE.format(now.minus(maxClockSkew)) + " ("
                    + AMZ_DATE.format(now) + " - " + maxClockSkew.toMinutes() + " min.)");
        }
        if (signedAt.isAfter(now.plus(maxClockSkew))) {
            throw new AuthenticationException(Reason.INVALID_SIGNATURE, "Signature not yet current: " + amzDate
                    + " is still later than " + AMZ_DATE.format(now.plus(maxClockSkew)) + " ("
                    + AMZ_DATE.format(now) + " + " + maxClockSkew.toMinutes() + " min.)");
        }
        if (!amzDate.startsWith(scopeDate)) {
            throw new AuthenticationException(Reason.INVALID_SIGNATURE, "Date in Credential scope does not match "
                    + "YYYYMMDD from ISO-8601 version of date from HTTP: '" + scopeDate + "' != '"
                    + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
    }

    /**
     * The payload hash the client signed: a client that sends {@code x-amz-content-sha256} signs that value, which
     * must be the body's hash (else the body was changed after signing). UNSIGNED-PAYLOAD is refused: no operation
     * of the two services is modeled with an unsigned body, so neither SDK sends it, and accepting it would let
     * anyone who sees one signed request send any other body under its signature until it expires.
     */
    private static String payloadHash(SignedRequest request, List<String> signedHeaders) {
        String bodyHash = HEX.formatHex(sha256(request.body() == null ? new byte[0] : request.body()));
        String declared = signedHeaders.contains(CONTENT_SHA256) ? first(request.headers().apply(CONTENT_SHA256))
                : null;
        if (declared == null) {
            return bodyHash;
        }
        if (UNSIGNED_PAYLOAD.equals(declared)) {
            throw new AuthenticationException(Reason.INCOMPLETE_SIGNATURE, "The request payload must be signed; "
                    + "'x-amz-content-sha256: " + UNSIGNED_PAYLOAD + "' is not accepted by this service.");
        }
        if (!declared.equalsIgnoreCase(bodyHash)) {
            throw new AuthenticationException(Reason.INVALID_SIGNATURE, "The provided 'x-amz-content-sha256' header "
                    + "does not match what was computed.");
        }
        return declared;
    }

    static String canonicalRequest(SignedRequest request, List<String> signedHeaders, String payloadHash) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(request.method()).append('\n');
        canonical.append(canonicalPath(request.rawPath())).append('\n');
        canonical.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = request.headers().apply(name);
            canonical.append(name).append(':');
            List<String> trimmed = new ArrayList<>();
            for (String value : values) {
                trimmed.add(value.trim().replaceAll("\\s+", " "));
            }
            canonical.append(String.join(",", trimmed)).append('\n');
        }
        canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
        canonical.append(payloadHash);
        return canonical.toString();
    }

    /** The SDKs sign the path as sent, encoded once more (every service but S3 does this). */
    private static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            segments.add(encode(segment));
        }
        return String.join("/", segments);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            pairs.add(new String[]{encode(name), encode(value)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", joined);
    }

    /** RFC 3986 encoding of everything but the unreserved characters, as SigV4 specifies. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
