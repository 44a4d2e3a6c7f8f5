package io.reviewstream.resultwriter.stream;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The writer is up while its loop runs, including while it waits for storage or re-creates its Kafka clients:
 * both resolve themselves, and restarting the instance would not make them resolve sooner. It is down once the
 * loop has ended, so that an orchestrator restarts an instance that no longer writes anything.
 */
public final class ResultWriterHealthIndicator implements HealthIndicator {

    private final ResultWriterLoop loop;

    public ResultWriterHealthIndicator(ResultWriterLoop loop) {
        this.loop = loop;
    }

    @Override
    public Health health() {
        ResultWriterLoop.State state = loop.state();
        Health.Builder health = state == ResultWriterLoop.State.STOPPED ? Health.down() : Health.up();
        health.withDetail("state", state.name()).withDetail("restarts", (long) loop.restarts());
        if (loop.lastFailure() != null) {
            health.withDetail("lastFailure", loop.lastFailure());
        }
        return health.build();
    }
}
