package io.reviewstream.taskservice.domain;

import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.digest.Sha256;

/** Worker identities as output.json reports them: an opaque, stable 16-hex workerId per issuer and subject. */
public final class Workers {

    private Workers() {
    }

    public static WorkerIdentity identity(String identityProviderType, String issuer, String subject) {
        return new WorkerIdentity(workerId(issuer, subject), identityProviderType, issuer, subject);
    }

    static String workerId(String issuer, String subject) {
        return Sha256.hex(issuer + "\n" + subject).substring(0, 16);
    }
}
