package io.reviewstream.flowservice.console.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sums per key over a sliding window of fixed time buckets: each key holds one ring of {@code buckets} numbers, and
 * a bucket is cleared when time comes round to it again. At most {@code maxKeys} keys are kept; what comes for a key
 * beyond them is counted as dropped, so memory stays bounded however many flows, teams or workers there are.
 */
final class WindowedCounters {

    private final long bucketMillis;
    private final int buckets;
    private final int maxKeys;
    private final Map<String, Ring> rings = new HashMap<>();
    private long dropped;

    WindowedCounters(long bucketMillis, int buckets, int maxKeys) {
        this.bucketMillis = bucketMillis;
        this.buckets = buckets;
        this.maxKeys = maxKeys;
    }

    private static final class Ring {
        final double[] sums;
        final long[] bucketIndex;

        Ring(int buckets) {
            sums = new double[buckets];
            bucketIndex = new long[buckets];
            java.util.Arrays.fill(bucketIndex, Long.MIN_VALUE);
        }
    }

    /** Adds {@code amount} at {@code timeMillis}; too old for the window as of {@code nowMillis}, it is ignored. */
    synchronized void add(String key, long timeMillis, double amount, long nowMillis) {
        long index = Math.floorDiv(timeMillis, bucketMillis);
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        if (index <= newest - buckets || index > newest + 1) {
            return;
        }
        Ring ring = rings.get(key);
        if (ring == null) {
            if (rings.size() >= maxKeys) {
                dropped++;
                return;
            }
            ring = new Ring(buckets);
            rings.put(key, ring);
        }
        int slot = (int) Math.floorMod(index, (long) buckets);
        if (ring.bucketIndex[slot] != index) {
            ring.bucketIndex[slot] = index;
            ring.sums[slot] = 0;
        }
        ring.sums[slot] += amount;
    }

    /** The key's sums per bucket, oldest first, the last being the bucket {@code nowMillis} is in. */
    synchronized double[] series(String key, long nowMillis) {
        double[] out = new double[buckets];
        Ring ring = rings.get(key);
        if (ring == null) {
            return out;
        }
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        for (int i = 0; i < buckets; i++) {
            long index = newest - buckets + 1 + i;
            int slot = (int) Math.floorMod(index, (long) buckets);
            out[i] = ring.bucketIndex[slot] == index ? ring.sums[slot] : 0;
        }
        return out;
    }

    /** The key's sum over the window. */
    double total(String key, long nowMillis) {
        double sum = 0;
        for (double value : series(key, nowMillis)) {
            sum += value;
        }
        return sum;
    }

    /** The keys that begin with {@code prefix}, without it. */
    synchronized Set<String> keys(String prefix) {
        Set<String> out = new LinkedHashSet<>();
        rings.keySet().stream().filter(k -> k.startsWith(prefix)).sorted()
                .forEach(k -> out.add(k.substring(prefix.length())));
        return out;
    }

    /** The start of each bucket of {@link #series}, in epoch milliseconds. */
    List<Long> bucketStarts(long nowMillis) {
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        List<Long> starts = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            starts.add((newest - buckets + 1 + i) * bucketMillis);
        }
        return starts;
    }

    long bucketMillis() {
        return bucketMillis;
    }

    synchronized long dropped() {
        return dropped;
    }

    /** Forgets keys with nothing left in the window, so that a key that went quiet makes room for others. */
    synchronized void prune(long nowMillis) {
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        rings.values().removeIf(ring -> {
            for (long index : ring.bucketIndex) {
                if (index > newest - buckets) {
                    return false;
                }
            }
            return true;
        });
    }
}
