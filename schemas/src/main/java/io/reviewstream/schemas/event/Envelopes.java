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
        return new Envelope(derivedId(seed), clock.instant(), correlationId, SCHEMA_VERSION);
    }

    /**
     * A UUID (version 8, RFC 9562) from a 128-bit hash of {@code seed}. Name-based UUIDs hash with MD5, which was a
     * measurable share of routing a prediction; event ids need determinism and spread, not a cryptographic hash.
     */
    static String derivedId(String seed) {
        long h1 = 0xcbf29ce484222325L;
        long h2 = 0x9e3779b97f4a7c15L;
        for (int i = 0; i < seed.length(); i++) {
            char c = seed.charAt(i);
            h1 = (h1 ^ c) * 0x100000001b3L;
            h2 = Long.rotateLeft((h2 ^ c) * 0xff51afd7ed558ccdL, 31);
        }
        h1 = mix(h1 ^ seed.length());
        h2 = mix(h2 + h1);
        long mostSignificant = (h1 & ~0xF000L) | 0x8000L;
        long leastSignificant = (h2 & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }

    /** MurmurHash3's finaliser: every input bit affects every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
