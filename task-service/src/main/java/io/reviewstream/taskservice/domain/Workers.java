package io.reviewstream.taskservice.domain;

import io.reviewstream.schemas.avro.WorkerIdentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Worker identities as output.json reports them: an opaque, stable 16-hex workerId per issuer and subject. */
public final class Workers {

    private Workers() {
    }

    public static WorkerIdentity identity(String identityProviderType, String issuer, String subject) {
        return new WorkerIdentity(workerId(issuer, subject), identityProviderType, issuer, subject);
    }

    static String workerId(String issuer, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((issuer + "\n" + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
