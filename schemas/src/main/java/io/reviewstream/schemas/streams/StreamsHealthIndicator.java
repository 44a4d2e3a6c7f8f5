package io.reviewstream.schemas.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A Streams app is healthy while it runs or rebalances, but only once it has run since its start: after a start it
 * first joins its group and restores its state stores (after an unclean stop an exactly-once app rebuilds them from
 * their changelogs: about half a minute for a million open tasks), and until then its tasks answer nothing, so the
 * instance must not count as serving. An app whose threads have all died, or that was never started, is down, so
 * that an orchestrator restarts the instance instead of routing work to it. Liveness does not include this check:
 * a long restoration must not get the instance killed.
 */
public final class StreamsHealthIndicator implements HealthIndicator {

    private final Supplier<KafkaStreams.State> state;
    private final BooleanSupplier ranSinceStart;

    public StreamsHealthIndicator(StreamsApp app) {
        this(app::state, app::ranSinceStart);
    }

    StreamsHealthIndicator(Supplier<KafkaStreams.State> state, BooleanSupplier ranSinceStart) {
        this.state = state;
        this.ranSinceStart = ranSinceStart;
    }

    @Override
    public Health health() {
        KafkaStreams.State now = state.get();
        boolean running = now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.REBALANCING;
        Health.Builder health = !running ? Health.down()
                : ranSinceStart.getAsBoolean() ? Health.up() : Health.outOfService();
        return health.withDetail("state", now.name()).withDetail("ranSinceStart", ranSinceStart.getAsBoolean())
                .build();
    }
}
