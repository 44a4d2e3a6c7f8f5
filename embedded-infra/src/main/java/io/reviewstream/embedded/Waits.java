package io.reviewstream.embedded;

final class Waits {

    private Waits() {
    }

    /** A short pause between readiness probes; keeps the interrupt flag for the caller. */
    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server to start", e);
        }
    }
}
