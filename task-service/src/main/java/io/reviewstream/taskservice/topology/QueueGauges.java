package io.reviewstream.taskservice.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.taskservice.domain.TeamShard;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open tasks and the age of the oldest one per team and flow, as last counted by the queue owners of this instance.
 * A queue shard lives on one partition, so exactly one instance reports a given shard; an instance owning several
 * shards of a team reports their sum (and the oldest of them), and across instances the sum per team and flow is the
 * team's. A row that empties drops to zero rather than vanishing, so that dashboards see the queue drain.
 */
final class QueueGauges {

    private record Key(String team, String flow) {
    }

    /** What each shard of the team owned here last counted for the flow. */
    private static final class Row {
        final Map<Integer, Long> open = new ConcurrentHashMap<>();
        final Map<Integer, Instant> oldest = new ConcurrentHashMap<>();

        long open() {
            return open.values().stream().mapToLong(Long::longValue).sum();
        }

        Instant oldest() {
            return oldest.values().stream().min(Instant::compareTo).orElse(null);
        }
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Key, Row> rows = new ConcurrentHashMap<>();

    QueueGauges(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Replaces what is known of one shard: {@code openByFlow} and {@code oldestByFlow} cover its open tasks. */
    void update(TeamShard shard, Map<String, Long> openByFlow, Map<String, Instant> oldestByFlow) {
        rows.forEach((key, row) -> {
            if (key.team().equals(shard.team()) && !openByFlow.containsKey(key.flow())) {
                row.open.remove(shard.shard());
                row.oldest.remove(shard.shard());
            }
        });
        openByFlow.forEach((flow, open) -> {
            Row row = rows.computeIfAbsent(new Key(shard.team(), flow), this::register);
            row.open.put(shard.shard(), open);
            Instant oldest = oldestByFlow.get(flow);
            if (oldest == null) {
                row.oldest.remove(shard.shard());
            } else {
                row.oldest.put(shard.shard(), oldest);
            }
        });
    }

    private Row register(Key key) {
        Row row = new Row();
        Gauge.builder("reviewstream.tasks.open", row, Row::open)
                .tag("team", key.team()).tag("flow", key.flow()).strongReference(true).register(meters);
        Gauge.builder("reviewstream.tasks.oldest.age.seconds", row, r -> {
                    Instant oldest = r.oldest();
                    return oldest == null ? 0 : Math.max(0, clock.millis() - oldest.toEpochMilli()) / 1000.0;
                })
                .tag("team", key.team()).tag("flow", key.flow()).strongReference(true).register(meters);
        return row;
    }
}
