package io.reviewstream.resultwriter.storage;

import io.reviewstream.resultwriter.domain.ManifestEntry;
import io.reviewstream.resultwriter.domain.OutputLocation;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gathers a day's manifest entries into its {@code manifest.jsonl}, in loop-name order, some time after an entry
 * lands there. Rewriting from the entries makes the result the same whichever instance does it, and however often.
 *
 * <p>Which days await a rewrite is only known in memory, so an instance that stops between writing an entry and
 * rewriting its day would lose that update. On start, therefore, the days within the recovery window of every flow
 * definition are rewritten from their entries (days without entries get no manifest).
 */
public final class ManifestCompactor implements SmartLifecycle {

    public static final String MANIFEST = "manifest.jsonl";
    private static final Logger log = LoggerFactory.getLogger(ManifestCompactor.class);
    private static final Duration RECOVERY_RETRY = Duration.ofSeconds(1);

    private final ObjectStore store;
    private final Duration interval;
    private final CompactedTopicView<FlowDefinition> flows;
    private final Clock clock;
    private final Duration recoveryWindow;
    private final Set<OutputLocation> dirtyDays = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService scheduler;

    public ManifestCompactor(ObjectStore store, Duration interval, CompactedTopicView<FlowDefinition> flows,
                             Clock clock, Duration recoveryWindow) {
        this.store = store;
        this.interval = interval;
        this.flows = flows;
        this.clock = clock;
        this.recoveryWindow = recoveryWindow;
    }

    /** Notes that the day folder got an entry. */
    public void touched(OutputLocation dayFolder) {
        dirtyDays.add(dayFolder);
    }

    /**
     * Rewrites the manifests of every day that got entries since the last run; transient failures are retried next
     * run, a day the object store refuses for good is given up.
     */
    public void compactNow() {
        for (OutputLocation day : Set.copyOf(dirtyDays)) {
            dirtyDays.remove(day);
            try {
                List<String> entries = store.list(day.bucket(), day.key() + "entries/");
                if (entries.isEmpty()) {
                    continue;
                }
                ByteArrayOutputStream manifest = new ByteArrayOutputStream();
                for (String key : entries) {
                    manifest.writeBytes(store.get(day.bucket(), key));
                }
                store.put(new OutputLocation(day.bucket(), day.key() + MANIFEST), manifest.toByteArray(),
                        "application/x-ndjson");
            } catch (Exception e) {
                var permanent = WriteFailures.permanent(e, day);
                if (permanent.isPresent()) {
                    log.warn("Not compacting the manifest of s3://{}/{}: {}", day.bucket(), day.key(),
                            permanent.get());
                    continue;
                }
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
        scheduler.execute(this::recoverRecentDays);
    }

    /** Marks every flow's days within the recovery window for a rewrite, once the flow definitions are read. */
    private void recoverRecentDays() {
        ScheduledExecutorService current = scheduler;
        if (current == null || current.isShutdown()) {
            return;
        }
        if (!flows.caughtUp()) {
            current.schedule(this::recoverRecentDays, RECOVERY_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        Instant now = clock.instant();
        for (FlowDefinition flow : flows.values()) {
            OutputLocation folder;
            try {
                folder = OutputLocation.flowFolder(flow.getOutputConfig().getS3OutputPath(), flow.getName());
            } catch (IllegalArgumentException e) {
                log.warn("Flow {} has no usable S3OutputPath ({}); its manifests are not recovered", flow.getName(),
                        e.getMessage());
                continue;
            }
            for (Instant day = now.minus(recoveryWindow); !day.isAfter(now); day = day.plus(Duration.ofDays(1))) {
                touched(ManifestEntry.dayFolder(folder, day));
            }
            touched(ManifestEntry.dayFolder(folder, now));
        }
        compactNow();
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
