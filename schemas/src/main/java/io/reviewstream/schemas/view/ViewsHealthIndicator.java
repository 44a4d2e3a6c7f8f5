package io.reviewstream.schemas.view;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.List;

/**
 * A service that answers from its views is out of service until every view has caught up: before that its answers
 * would be wrong (a worker not yet in any team, a flow not yet known), not just late, so a load balancer or a
 * restart script waits for this instead of the first open port.
 */
public final class ViewsHealthIndicator implements HealthIndicator {

    private final List<CompactedTopicView<?>> views;

    public ViewsHealthIndicator(List<CompactedTopicView<?>> views) {
        this.views = List.copyOf(views);
    }

    @Override
    public Health health() {
        return views.stream().allMatch(CompactedTopicView::caughtUp) ? Health.up().build()
                : Health.outOfService().withDetail("reason", "reading the resource topics").build();
    }
}
