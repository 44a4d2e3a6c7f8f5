package io.reviewstream.flowservice.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per access key token buckets: a key may make {@code rate} calls per second, with bursts of up to one second's
 * worth. Keys without a rate are not limited.
 */
public final class CallRates {

    private final Map<String, Double> rates;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    /** @param rates calls per second by access key id; keys absent or at 0 are not limited */
    public CallRates(Map<String, Double> rates, LongSupplier nanoTime) {
        this.rates = Map.copyOf(rates);
        this.nanoTime = nanoTime;
    }

    /** Takes one call from the key's allowance; false when it has none left right now. */
    public boolean tryAcquire(String accessKeyId) {
        double rate = rates.getOrDefault(accessKeyId, 0.0);
        if (rate <= 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(accessKeyId, key -> new Bucket(Math.max(1, rate), now));
        synchronized (bucket) {
            double capacity = Math.max(1, rate);
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) / 1e9 * rate);
            bucket.refilledAt = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }
}
