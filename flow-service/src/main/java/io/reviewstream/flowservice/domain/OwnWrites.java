package io.reviewstream.flowservice.domain;

import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * This instance's own Start, Stop and Delete, overlaid on the loop status store until the store shows them:
 * flow-service does not write rs.loop-status (result-writer does, after the command has gone round), yet a Describe
 * right after a Start, Stop or Delete on the same instance must read that call's effect.
 *
 * <p>Only loops this instance has just changed have an entry, and only until the store reports the loop or
 * {@link #TTL} has passed. The InProgress counts are adjusted by each overlay against the loop's stored status when
 * it is placed, per flow: the store changing the loop retires the overlay, and its adjustment with it. Placing and
 * retiring run under the loop's entry, so an overlay placed just as the store takes the loop's news is either
 * measured against that news or retired by it.
 */
final class OwnWrites {

    /** How long an own write is overlaid at most, should the store never report it (e.g. result-writer is down). */
    static final Duration TTL = Duration.ofMinutes(5);

    /** An own write; {@code status} null means deleted. It counts +1 in {@code counted}, -1 in {@code uncounted}. */
    record Overlay(LoopStatusEvent status, Instant placedAt, String counted, String uncounted) {
    }

    private record Placed(String name, Instant placedAt) {
    }

    private final Function<String, String> storedInProgressFlow;
    private final Clock clock;
    private final Map<String, Overlay> overlays = new ConcurrentHashMap<>();
    /**
     * Every overlay placed, oldest first, so that expired ones are found without a scan. An entry stays until its
     * overlay would have expired even when the store has retired it sooner; expiring it then changes nothing.
     */
    private final Queue<Placed> placed = new ConcurrentLinkedQueue<>();
    /** Per flow, how many more (or fewer) loops are InProgress with the overlays than in the store. */
    private final Map<String, Integer> adjustments = new ConcurrentHashMap<>();

    /** @param storedInProgressFlow the flow a loop counts towards in the store, or null */
    OwnWrites(Function<String, String> storedInProgressFlow, Clock clock) {
        this.storedInProgressFlow = storedInProgressFlow;
        this.clock = clock;
    }

    void place(String name, LoopStatusEvent status) {
        Instant now = clock.instant();
        overlays.compute(name, (n, old) -> {
            if (old != null) {
                adjust(old, -1);
            }
            String counted = status != null && status.getStatus() == HumanLoopStatus.IN_PROGRESS
                    ? status.getFlowDefinitionName() : null;
            Overlay overlay = new Overlay(status, now, counted, storedInProgressFlow.apply(n));
            adjust(overlay, 1);
            return overlay;
        });
        placed.add(new Placed(name, now));
    }

    /** The store has just changed the loop: its news supersede an own write. */
    void retire(String name) {
        overlays.computeIfPresent(name, (n, overlay) -> {
            adjust(overlay, -1);
            return null;
        });
    }

    /** The loop's live overlay, or null when the store answers for it. */
    Overlay live(String name) {
        Overlay overlay = overlays.get(name);
        if (overlay != null && expired(overlay.placedAt(), clock.instant())) {
            expire(name);
            return overlays.get(name);
        }
        return overlay;
    }

    /** The live overlays of loops of a flow that still exist; there are only as many as recent own writes. */
    List<LoopStatusEvent> of(String flowName) {
        return overlays.keySet().stream().map(this::live)
                .filter(overlay -> overlay != null && overlay.status() != null
                        && overlay.status().getFlowDefinitionName().equals(flowName))
                .map(Overlay::status).toList();
    }

    /** How the overlays change the stored count of the flow's InProgress loops. */
    int adjustment(String flowName) {
        expireOldest();
        return adjustments.getOrDefault(flowName, 0);
    }

    private void expireOldest() {
        Instant now = clock.instant();
        Placed oldest;
        while ((oldest = placed.peek()) != null && expired(oldest.placedAt(), now)) {
            // not poll(): had another thread taken this entry meanwhile, poll would take a newer one, unexpired
            if (placed.remove(oldest)) {
                expire(oldest.name());
            }
        }
    }

    private void expire(String name) {
        Instant now = clock.instant();
        overlays.computeIfPresent(name, (n, overlay) -> {
            if (!expired(overlay.placedAt(), now)) {
                return overlay;
            }
            adjust(overlay, -1);
            return null;
        });
    }

    private void adjust(Overlay overlay, int sign) {
        if (overlay.counted() != null) {
            adjustments.merge(overlay.counted(), sign, OwnWrites::sum);
        }
        if (overlay.uncounted() != null) {
            adjustments.merge(overlay.uncounted(), -sign, OwnWrites::sum);
        }
    }

    /** Flows the overlays no longer change have no entry, so deleted flows leave nothing behind. */
    private static Integer sum(Integer a, Integer b) {
        int sum = a + b;
        return sum == 0 ? null : sum;
    }

    private static boolean expired(Instant placedAt, Instant now) {
        return placedAt.plus(TTL).isBefore(now);
    }
}
