package io.reviewstream.resultwriter.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loops this writer has just ended, for as long as its status store may not show it yet. The store reads
 * rs.loop-status like any consumer, so for a moment after a loop's final status is sent it still says InProgress;
 * a Stop read in that moment (task-service's Stopped answers and the Stop command come on different topics, in
 * either order) would otherwise announce Stopping after Stopped, and a loop that has ended would show Stopping for
 * good. Kept for {@link #WINDOW}, far longer than the store lags when the broker is up: at the highest rates this is
 * tens of thousands of names, and nothing per loop once the window has passed.
 *
 * <p>Used by the writer's one thread only.
 */
final class JustEnded {

    static final Duration WINDOW = Duration.ofSeconds(30);

    private final Clock clock;
    /** Loop name to when it ended, oldest first. */
    private final LinkedHashMap<String, Instant> ended = new LinkedHashMap<>();

    JustEnded(Clock clock) {
        this.clock = clock;
    }

    void ended(String loop) {
        Instant now = clock.instant();
        forgetBefore(now.minus(WINDOW));
        ended.remove(loop);
        ended.put(loop, now);
    }

    boolean contains(String loop) {
        forgetBefore(clock.instant().minus(WINDOW));
        return ended.containsKey(loop);
    }

    private void forgetBefore(Instant oldest) {
        Iterator<Map.Entry<String, Instant>> entries = ended.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().isBefore(oldest)) {
            entries.remove();
        }
    }
}
