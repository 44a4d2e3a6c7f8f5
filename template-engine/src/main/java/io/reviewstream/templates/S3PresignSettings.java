package io.reviewstream.templates;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@code grant_read_access} presigns: the S3-compatible endpoint the worker's browser reaches,
 * credentials allowed to read the objects, how long a granted URL stays valid, and which objects it may grant
 * at all.
 */
public record S3PresignSettings(String endpoint, String region, String accessKey, String secretKey, Duration expiry,
                                ReadableLocations readable) {

    /** S3 SigV4 presigned URLs are valid for at most seven days. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);

    public S3PresignSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(readable, "readable");
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("expiry must be between 1 second and 7 days, got " + expiry);
        }
    }
}
