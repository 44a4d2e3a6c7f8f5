package io.reviewstream.flowservice.console.domain;

import io.reviewstream.flowservice.domain.HumanLoops;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.status.LoopStatusStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's loop search: a flow's loops in a creation-time window, newest or oldest first, narrowed by status
 * and name prefix. It pages the loop status store's index of the flow (as ListHumanLoops does) and filters what
 * it reads; so that a page stays fast however many loops the flow has and however few match, it reads at most
 * {@link #MAX_SCANNED} loops per page and then answers with what it found and where to continue.
 */
public final class LoopSearch {

    /** Loops read per request at most: a bounded read of the store, whatever the filters match. */
    static final int MAX_SCANNED = 5_000;
    private static final int BATCH = 500;

    /**
     * @param status   null for every status
     * @param prefix   null or empty for every name
     * @param after    where the previous page ended, or null for the first page
     */
    public record Query(String flowDefinitionArn, HumanLoopStatus status, String prefix, long fromMillis,
                        long toMillis, boolean descending, int limit, LoopStatusStore.Position after) {
    }

    /**
     * @param loops the loops found, in order
     * @param next  where the next page starts, or null when the window holds no more loops
     * @param scanned how many loops were read to find them
     */
    public record Page(List<LoopStatusEvent> loops, LoopStatusStore.Position next, int scanned) {
    }

    /** A page of a flow's loops in index order, as {@link HumanLoops#list} reads it. */
    @FunctionalInterface
    public interface Pages {
        List<LoopStatusEvent> list(String flowDefinitionArn, long fromMillis, long toMillis,
                                   LoopStatusStore.Position after, boolean descending, int limit);
    }

    private final Pages loops;

    public LoopSearch(Pages loops) {
        this.loops = loops;
    }

    public Page search(Query query) {
        List<LoopStatusEvent> found = new ArrayList<>();
        LoopStatusStore.Position position = query.after();
        int scanned = 0;
        while (found.size() < query.limit() && scanned < MAX_SCANNED) {
            int wanted = Math.min(BATCH, MAX_SCANNED - scanned);
            List<LoopStatusEvent> batch = loops.list(query.flowDefinitionArn(), query.fromMillis(), query.toMillis(),
                    position, query.descending(), wanted);
            for (LoopStatusEvent loop : batch) {
                scanned++;
                position = new LoopStatusStore.Position(loop.getCreationTime().toEpochMilli(), loop.getHumanLoopName());
                if (matches(loop, query)) {
                    found.add(loop);
                    if (found.size() == query.limit()) {
                        return new Page(found, position, scanned);
                    }
                }
            }
            if (batch.size() < wanted) {
                return new Page(found, null, scanned);
            }
        }
        return new Page(found, position, scanned);
    }

    private static boolean matches(LoopStatusEvent loop, Query query) {
        return (query.status() == null || loop.getStatus() == query.status())
                && (query.prefix() == null || loop.getHumanLoopName().startsWith(query.prefix()));
    }
}
