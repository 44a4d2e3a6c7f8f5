package io.reviewstream.cli.progress;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long run over a known number of items: a bar redrawn in place on a terminal, a line of counts every
 * few seconds otherwise (a log or a pipe would only collect the redraws). Thread-safe, since Kafka acknowledgements
 * arrive on the producer's thread.
 */
public final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long BAR_REDRAW_NANOS = 100_000_000L;
    private static final long COUNTS_EVERY_NANOS = 2_000_000_000L;

    private final String verb;
    private final long total;
    private final PrintWriter out;
    private final boolean bar;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long lastPrinted = System.nanoTime();

    public Progress(String verb, long total, PrintWriter out, boolean bar) {
        this.verb = verb;
        this.total = total;
        this.out = out;
        this.bar = bar;
    }

    /** A bar when standard output is a terminal. */
    public static Progress forTerminal(String verb, long total, PrintWriter out) {
        return new Progress(verb, total, out, System.console() != null);
    }

    public void succeeded() {
        succeeded.incrementAndGet();
        maybePrint();
    }

    public void failed() {
        failed.incrementAndGet();
        maybePrint();
    }

    public long succeededCount() {
        return succeeded.get();
    }

    public long failedCount() {
        return failed.get();
    }

    private synchronized void maybePrint() {
        long now = System.nanoTime();
        if (now - lastPrinted >= (bar ? BAR_REDRAW_NANOS : COUNTS_EVERY_NANOS)) {
            lastPrinted = now;
            print();
        }
    }

    private void print() {
        long done = succeeded.get() + failed.get();
        if (bar) {
            int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + counts(done));
        } else {
            out.println(counts(done));
        }
        out.flush();
    }

    private String counts(long done) {
        return done + "/" + total + " " + verb + (failed.get() > 0 ? ", " + failed.get() + " failed" : "");
    }

    /** Draws the bar at 100 %, so that the summary after it starts on a line of its own. */
    @Override
    public synchronized void close() {
        if (bar) {
            print();
            out.println();
            out.flush();
        }
    }
}
