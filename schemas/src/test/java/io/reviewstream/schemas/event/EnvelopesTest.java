package io.reviewstream.schemas.event;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopesTest {

    @Test
    void derivedIdsAreStableVersion8UuidsThatDifferForEverySeed() {
        assertThat(Envelopes.derivedId("decision|PREDICTION_TOPIC|p-1"))
                .isEqualTo(Envelopes.derivedId("decision|PREDICTION_TOPIC|p-1"));
        UUID id = UUID.fromString(Envelopes.derivedId("loop|a|b"));
        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);

        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            ids.add(Envelopes.derivedId("prediction:" + i));
            ids.add(Envelopes.derivedId("prediction:" + i + "|"));
        }
        assertThat(ids).hasSize(400_000);
        // seeds that differ only by order or by an inserted character
        assertThat(Envelopes.derivedId("ab")).isNotEqualTo(Envelopes.derivedId("ba"));
        assertThat(Envelopes.derivedId("")).isNotEqualTo(Envelopes.derivedId("\0"));
    }
}
