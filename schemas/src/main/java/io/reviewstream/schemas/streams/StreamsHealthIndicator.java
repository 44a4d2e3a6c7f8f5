package io.reviewstream.schemas.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A Streams app is healthy while it runs or rebalances; an app whose threads have all died, or that was never
 * started, is down, so that an orchestrator restarts the instance instead of routing work to it.
 */
public final class StreamsHealthIndicator implements HealthIndicator {

    private final StreamsApp app;

    public StreamsHealthIndicator(StreamsApp app) {
        this.app = app;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = app.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).build();
    }
}
