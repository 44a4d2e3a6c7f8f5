package io.reviewstream.schemas.event;

import io.reviewstream.schemas.avro.Envelope;

import java.time.Clock;
import java.util.UUID;

/** Builds the envelope every event carries. */
public final class Envelopes {

    /** Bump when a schema change needs consumers to tell old records from new ones. */
    public static final int SCHEMA_VERSION = 1;

    private final Clock clock;

    public Envelopes(Clock clock) {
        this.clock = clock;
    }

    public Envelope next(String correlationId) {
        return new Envelope(UUID.randomUUID().toString(), clock.instant(), correlationId, SCHEMA_VERSION);
    }

    /** An envelope whose id is derived from {@code seed}, so that re-deriving an event yields the same id. */
    public Envelope derived(String seed, String correlationId) {
        return new Envelope(UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(),
                clock.instant(), correlationId, SCHEMA_VERSION);
    }
}
