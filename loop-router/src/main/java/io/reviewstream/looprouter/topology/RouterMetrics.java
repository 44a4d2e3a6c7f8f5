package io.reviewstream.looprouter.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * loop-router's counters. Looked up once per tag combination and kept, since a registry lookup per record
 * shows up in the router's hot path; so did building a lookup key per record, hence one map per counter and tag.
 */
final class RouterMetrics {

    /**
     * The {@code flow} of predictions naming no flow definition. Producers may write any name, and a series per name
     * would grow without bound; this one is not a valid flow name, so it never stands for a real flow.
     */
    static final String UNKNOWN_FLOW = "(unknown)";

    private final MeterRegistry meters;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> decisions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> loopsStarted = new ConcurrentHashMap<>();
    private final Map<String, Counter> startRequests = new ConcurrentHashMap<>();

    RouterMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param flow the flow definition's name, or null when no flow definition has the name the prediction gave */
    void predictionReceived(String flow) {
        cached(received, flow == null ? UNKNOWN_FLOW : flow,
                f -> register("reviewstream.predictions.received", "flow", f)).increment();
    }

    /** @param outcome auto_accepted, human_review or sampled */
    void decision(String flow, String outcome) {
        cached(cached(decisions, flow, f -> new ConcurrentHashMap<>()), outcome,
                o -> register("reviewstream.decisions", "flow", flow, "outcome", o)).increment();
    }

    void loopStarted(String flow, Enum<?> source) {
        cached(cached(loopsStarted, flow, f -> new ConcurrentHashMap<>()), source.name(),
                s -> register("reviewstream.loops.started", "flow", flow, "source", s.toLowerCase(Locale.ROOT)))
                .increment();
    }

    void startRequest(Enum<?> outcome) {
        cached(startRequests, outcome.name(),
                o -> register("reviewstream.start.requests", "outcome", o.toLowerCase(Locale.ROOT))).increment();
    }

    private Counter register(String name, String... tags) {
        return Counter.builder(name).tags(tags).register(meters);
    }

    private static <V> V cached(Map<String, V> map, String key, Function<String, V> create) {
        V value = map.get(key);
        return value != null ? value : map.computeIfAbsent(key, create);
    }
}
