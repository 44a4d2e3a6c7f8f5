package io.reviewstream.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Durations of one kind of call, from any number of threads, summarised as percentiles in milliseconds. */
public final class Latencies {

    private final List<Long> nanos = new ArrayList<>();

    public synchronized void add(long durationNanos) {
        nanos.add(durationNanos);
    }

    public synchronized int count() {
        return nanos.size();
    }

    /** Nearest-rank percentile, in milliseconds; NaN without samples. */
    public synchronized double percentile(double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }

    /** "p50 12 ms, p99 40 ms, max 55 ms (n=100)". */
    public String summary() {
        if (count() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %s, p99 %s, max %s (n=%d)", ms(percentile(50)), ms(percentile(99)),
                ms(percentile(100)), count());
    }

    public static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
