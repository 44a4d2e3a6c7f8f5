package io.reviewstream.resultwriter.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Standard Webhooks signing: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the
 * bytes of a {@code whsec_<base64>} secret. Receivers verify with any Standard Webhooks library.
 */
public final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;

    private WebhookSignature(byte[] key) {
        this.key = key;
    }

    public static WebhookSignature of(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("A webhook secret starts with " + SECRET_PREFIX + " and base64");
        }
        return new WebhookSignature(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())));
    }

    public String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
