package io.reviewstream.looprouter.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * loop-router's counters. Looked up once per tag combination and kept, since a registry lookup per record
 * shows up in the router's hot path.
 */
final class RouterMetrics {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RouterMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void predictionReceived(String flow) {
        counter("reviewstream.predictions.received", "flow", flow).increment();
    }

    /** @param outcome auto_accepted, human_review or sampled */
    void decision(String flow, String outcome) {
        counter("reviewstream.decisions", "flow", flow, "outcome", outcome).increment();
    }

    void loopStarted(String flow, Enum<?> source) {
        counter("reviewstream.loops.started", "flow", flow, "source", source.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    void startRequest(Enum<?> outcome) {
        counter("reviewstream.start.requests", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + '\u0000' + String.join("\u0000", tags),
                key -> Counter.builder(name).tags(tags).register(meters));
    }
}
