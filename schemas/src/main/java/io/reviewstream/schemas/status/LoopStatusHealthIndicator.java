package io.reviewstream.schemas.status;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Out of service until the loop status store has caught up with the topic, and again if its reader stopped: loop
 * statuses read before that would be wrong (a loop unknown, a stop applied to a finished loop), not just late.
 */
public final class LoopStatusHealthIndicator implements HealthIndicator {

    private final LoopStatusReader reader;

    public LoopStatusHealthIndicator(LoopStatusReader reader) {
        this.reader = reader;
    }

    @Override
    public Health health() {
        return reader.caughtUp() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "reading the loop status topic").build();
    }
}
