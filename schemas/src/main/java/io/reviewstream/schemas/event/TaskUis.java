package io.reviewstream.schemas.event;

import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.Envelope;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.HumanTaskUiStatus;
import io.reviewstream.schemas.avro.Tag;
import io.reviewstream.schemas.digest.Sha256;

import java.time.Instant;
import java.util.List;

/** Human task UI records, which carry their ARN and a hash of their template beside the template itself. */
public final class TaskUis {

    private TaskUis() {
    }

    /** A task UI as CreateHumanTaskUi stores it. */
    public static HumanTaskUi active(Envelope envelope, Arns arns, String name, String content, Instant creationTime,
                                     List<Tag> tags) {
        return HumanTaskUi.newBuilder()
                .setEnvelope(envelope)
                .setName(name)
                .setArn(arns.humanTaskUi(name))
                .setStatus(HumanTaskUiStatus.ACTIVE)
                .setCreationTime(creationTime)
                .setContent(content)
                .setContentSha256(Sha256.hex(content))
                .setTags(tags)
                .build();
    }
}
