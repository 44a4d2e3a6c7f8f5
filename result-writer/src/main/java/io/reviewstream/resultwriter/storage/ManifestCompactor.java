package io.reviewstream.resultwriter.storage;

import io.reviewstream.resultwriter.domain.OutputLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gathers a day's manifest entries into its {@code manifest.jsonl}, in loop-name order, some time after an entry
 * lands there. Rewriting from the entries makes the result the same whichever instance does it, and however often.
 */
public final class ManifestCompactor implements SmartLifecycle {

    public static final String MANIFEST = "manifest.jsonl";
    private static final Logger log = LoggerFactory.getLogger(ManifestCompactor.class);

    private final ObjectStore store;
    private final Duration interval;
    private final Set<OutputLocation> dirtyDays = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;

    public ManifestCompactor(ObjectStore store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    /** Notes that the day folder got an entry. */
    public void touched(OutputLocation dayFolder) {
        dirtyDays.add(dayFolder);
    }

    /** Rewrites the manifests of every day that got entries since the last run; failures are retried next run. */
    public void compactNow() {
        for (OutputLocation day : Set.copyOf(dirtyDays)) {
            dirtyDays.remove(day);
            try {
                ByteArrayOutputStream manifest = new ByteArrayOutputStream();
                for (String key : store.list(day.bucket(), day.key() + "entries/")) {
                    manifest.writeBytes(store.get(day.bucket(), key));
                }
                store.put(new OutputLocation(day.bucket(), day.key() + MANIFEST), manifest.toByteArray(),
                        "application/x-ndjson");
            } catch (Exception e) {
                dirtyDays.add(day);
                log.warn("Compacting the manifest of s3://{}/{} failed ({}); will retry", day.bucket(), day.key(),
                        e.getMessage());
            }
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "manifest-compactor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::compactNow, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            compactNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
