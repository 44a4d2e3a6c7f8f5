package io.reviewstream.taskservice.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reviewstream.schemas.avro.LoopOutcome;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The queue owner's timers and counters, looked up once per tag combination and kept: a registry lookup per command
 * (a builder, a tag list and a hash of them) sat in every claim's and answer's path. One map per meter and tag,
 * so that no lookup key is built per command either. Shared by the queue processors of all stream tasks.
 */
final class QueueMetrics {

    private final MeterRegistry meters;
    private final Map<String, Map<String, Timer>> timeToClaim = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Timer>> timeToAnswer = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> answersSubmitted = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> loopsEnded = new ConcurrentHashMap<>();
    private final Map<String, Counter> claimConflicts = new ConcurrentHashMap<>();
    private final Map<String, Counter> released = new ConcurrentHashMap<>();
    private final Map<String, Counter> leaseExpired = new ConcurrentHashMap<>();
    private final Map<String, Counter> claimsTooLate = new ConcurrentHashMap<>();

    QueueMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Loop creation to claim. */
    void claimed(String team, String flow, Duration sinceCreation) {
        cached(cached(timeToClaim, team, t -> new ConcurrentHashMap<>()), flow,
                f -> timer("reviewstream.tasks.time.to.claim", team, f)).record(sinceCreation);
    }

    /** An answer counted, with the time from claim to submit. */
    void answered(String team, String flow, Duration sinceClaim) {
        cached(cached(answersSubmitted, team, t -> new ConcurrentHashMap<>()), flow,
                f -> Counter.builder("reviewstream.answers.submitted").tag("team", team).tag("flow", f)
                        .register(meters)).increment();
        cached(cached(timeToAnswer, team, t -> new ConcurrentHashMap<>()), flow,
                f -> timer("reviewstream.tasks.time.to.answer", team, f)).record(sinceClaim);
    }

    /** A submit for a task whose lease the worker lost. */
    void claimConflict(String team) {
        cached(claimConflicts, team, t -> counter("reviewstream.tasks.claim.conflicts", t)).increment();
    }

    /** A claim refused because its caller had stopped waiting: the queue owner is behind. */
    void claimTooLate(String team) {
        cached(claimsTooLate, team, t -> counter("reviewstream.tasks.claims.too.late", t)).increment();
    }

    void released(String team) {
        cached(released, team, t -> counter("reviewstream.tasks.released", t)).increment();
    }

    void leaseExpired(String team) {
        cached(leaseExpired, team, t -> counter("reviewstream.tasks.lease.expired", t)).increment();
    }

    void loopEnded(String flow, LoopOutcome outcome) {
        cached(cached(loopsEnded, flow, f -> new ConcurrentHashMap<>()), outcome.name(),
                o -> Counter.builder("reviewstream.loops.ended.by.tasks").tag("flow", flow)
                        .tag("outcome", o.toLowerCase(Locale.ROOT)).register(meters)).increment();
    }

    private Timer timer(String name, String team, String flow) {
        return Timer.builder(name).tag("team", team).tag("flow", flow).publishPercentileHistogram().register(meters);
    }

    private Counter counter(String name, String team) {
        return Counter.builder(name).tag("team", team).register(meters);
    }

    private static <V> V cached(Map<String, V> map, String key, Function<String, V> create) {
        V value = map.get(key);
        return value != null ? value : map.computeIfAbsent(key, create);
    }
}
