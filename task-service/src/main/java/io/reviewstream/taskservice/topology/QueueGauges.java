package io.reviewstream.taskservice.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open tasks and the age of the oldest one per team and flow, as last counted by the queue owner. A team lives on
 * one partition, so exactly one instance reports a given team and flow; a row that empties drops to zero rather
 * than vanishing, so that dashboards see the queue drain.
 */
final class QueueGauges {

    private record Key(String team, String flow) {
    }

    private static final class Row {
        volatile long open;
        volatile Instant oldest;
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Key, Row> rows = new ConcurrentHashMap<>();

    QueueGauges(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Replaces what is known of one team: {@code openByFlow} and {@code oldestByFlow} cover every open task. */
    void update(String team, Map<String, Long> openByFlow, Map<String, Instant> oldestByFlow) {
        rows.forEach((key, row) -> {
            if (key.team().equals(team) && !openByFlow.containsKey(key.flow())) {
                row.open = 0;
                row.oldest = null;
            }
        });
        openByFlow.forEach((flow, open) -> {
            Row row = rows.computeIfAbsent(new Key(team, flow), this::register);
            row.open = open;
            row.oldest = oldestByFlow.get(flow);
        });
    }

    private Row register(Key key) {
        Row row = new Row();
        Gauge.builder("reviewstream.tasks.open", row, r -> r.open)
                .tag("team", key.team()).tag("flow", key.flow()).strongReference(true).register(meters);
        Gauge.builder("reviewstream.tasks.oldest.age.seconds", row, r -> {
                    Instant oldest = r.oldest;
                    return oldest == null ? 0 : Math.max(0, clock.millis() - oldest.toEpochMilli()) / 1000.0;
                })
                .tag("team", key.team()).tag("flow", key.flow()).strongReference(true).register(meters);
        return row;
    }
}
