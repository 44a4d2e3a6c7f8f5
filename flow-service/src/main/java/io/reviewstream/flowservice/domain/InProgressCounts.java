package io.reviewstream.flowservice.domain;

import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The number of InProgress loops per flow definition, kept up to date as loops change so that the quota check on
 * StartHumanLoop costs no scan of every loop.
 *
 * <p>A loop is recounted from its status as it reads now, not from what changed: so a record applied twice (a
 * replay) counts once, a deleted loop is simply no longer counted, and the view's thread and request threads may
 * recount the same loop at once. The status is read under the loop's lock, so that whichever recount comes last
 * counts the loop by its latest status.
 */
final class InProgressCounts {

    private final Function<String, Optional<LoopStatusEvent>> statuses;
    /** The flow each counted loop is counted in: the way to take it out again, even if its flow has changed. */
    private final Map<String, String> countedIn = new ConcurrentHashMap<>();
    /** Flows without InProgress loops have no entry, so deleted flows leave nothing behind. */
    private final Map<String, Integer> perFlow = new ConcurrentHashMap<>();

    /** @param statuses a loop's current status by name; empty when the loop is not known (or deleted) */
    InProgressCounts(Function<String, Optional<LoopStatusEvent>> statuses) {
        this.statuses = statuses;
    }

    /** Call after anything that may have changed the loop's status. */
    void recount(String loopName) {
        countedIn.compute(loopName, (name, before) -> {
            String after = statuses.apply(name)
                    .filter(loop -> loop.getStatus() == HumanLoopStatus.IN_PROGRESS)
                    .map(LoopStatusEvent::getFlowDefinitionName)
                    .orElse(null);
            if (!Objects.equals(before, after)) {
                if (before != null) {
                    perFlow.merge(before, -1, (count, minusOne) -> count == 1 ? null : count + minusOne);
                }
                if (after != null) {
                    perFlow.merge(after, 1, Integer::sum);
                }
            }
            return after;
        });
    }

    int inProgress(String flowName) {
        return perFlow.getOrDefault(flowName, 0);
    }
}
