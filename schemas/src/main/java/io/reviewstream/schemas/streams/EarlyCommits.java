package io.reviewstream.schemas.streams;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Commits a light input's output soon instead of at the end of the commit interval, and leaves a heavy input to the
 * interval. Under exactly-once a record's output is visible downstream only once its transaction commits, so every
 * hop of a prediction waits for the interval; a short interval, though, costs the top rate, because every commit
 * stops the stream thread while the transaction ends (docs/benchmarks.md, run 8: 20 ms instead of 100 ms took 30 %
 * off the router's rate). So the interval stays long and a wrapped processor asks Kafka Streams for a commit
 * ({@link ProcessorContext#commit()}) at most once per {@code gap} per stream thread, while the thread processed at
 * most {@code maxRecords} records in the gap before. A heavier thread asks nothing: its transactions are the
 * interval's, as large as before.
 *
 * <p>A request made in {@code process} is honoured right after the thread's current round of processing; one for
 * records processed within the gap after the last request is made by a wall-clock punctuation every {@code gap}, for
 * which the app should poll no longer than the gap ({@link #pollMs}). Kafka Streams commits all of a thread's tasks
 * when one asks, so the window is kept per thread, and a task asks only when it has processed something itself
 * (a request from a task with nothing to commit is ignored).
 */
public final class EarlyCommits {

    private final long gapNanos;
    private final long maxRecords;
    private final LongSupplier nanoTime;
    /** The state of each stream thread: processors run on the thread of their task. */
    private final ThreadLocal<Window> windows = ThreadLocal.withInitial(Window::new);

    private EarlyCommits(Duration gap, long maxRecords, LongSupplier nanoTime) {
        this.gapNanos = gap.toNanos();
        this.maxRecords = maxRecords;
        this.nanoTime = nanoTime;
    }

    /**
     * @param gap        the least time between two requests of a thread; zero turns early commits off
     * @param maxRatePerSecond the most records a second a thread may process and still ask for early commits
     */
    public static EarlyCommits of(Duration gap, long maxRatePerSecond) {
        return of(gap, maxRatePerSecond, System::nanoTime);
    }

    static EarlyCommits of(Duration gap, long maxRatePerSecond, LongSupplier nanoTime) {
        long maxRecords = Math.max(1, maxRatePerSecond * Math.max(1, gap.toMillis()) / 1000);
        return new EarlyCommits(gap, maxRecords, nanoTime);
    }

    public boolean enabled() {
        return gapNanos > 0;
    }

    /** The longest poll that lets the punctuation keep to the gap, or {@code pollMs} itself when that is shorter. */
    public long pollMs(long pollMs) {
        return enabled() ? Math.max(1, Math.min(pollMs, Duration.ofNanos(gapNanos).toMillis())) : pollMs;
    }

    /** The supplier's processors, asking for early commits; the supplier itself when they are off. */
    public <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> wrap(
            ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        if (!enabled()) {
            return supplier;
        }
        return () -> new Asking<>(supplier.get());
    }

    /** The records of one thread since its last request, or since its last window that was too busy to ask. */
    private static final class Window {
        long start = Long.MIN_VALUE;
        long records;
    }

    private final class Asking<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {

        private final Processor<KIn, VIn, KOut, VOut> delegate;
        private ProcessorContext<KOut, VOut> context;
        /** This task processed records since it last asked. */
        private boolean pending;

        Asking(Processor<KIn, VIn, KOut, VOut> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            this.context = context;
            delegate.init(context);
            context.schedule(Duration.ofNanos(gapNanos), PunctuationType.WALL_CLOCK_TIME, now -> {
                if (pending) {
                    maybeAsk();
                }
            });
        }

        @Override
        public void process(Record<KIn, VIn> record) {
            delegate.process(record);
            pending = true;
            windows.get().records++;
            maybeAsk();
        }

        private void maybeAsk() {
            Window window = windows.get();
            long now = nanoTime.getAsLong();
            if (window.start != Long.MIN_VALUE && now - window.start < gapNanos) {
                return;
            }
            if (window.records <= maxRecords) {
                context.commit();
                pending = false;
            }
            window.start = now;
            window.records = 0;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
