package io.reviewstream.flowservice.domain;

import io.reviewstream.embedded.MutableClock;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.event.Envelopes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlays of own writes and how they adjust the stored InProgress counts, against a map that stands for the
 * store's InProgress flow of each loop: each change to it is followed by a retirement, as the store's reader does.
 */
class OwnWritesTest {

    static final Envelopes ENVELOPES = new Envelopes(Clock.systemUTC());

    final Map<String, String> storedInProgress = new ConcurrentHashMap<>();
    final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T09:00:00Z"));
    final OwnWrites own = new OwnWrites(storedInProgress::get, clock);

    @Test
    void aStartCountsUntilTheStoreShowsTheLoopAndAStopOrDeleteUncountsUntilThen() {
        own.place("started", status("started", "flow", HumanLoopStatus.IN_PROGRESS));
        assertThat(own.adjustment("flow")).isEqualTo(1);
        storedInProgress.put("started", "flow");
        own.retire("started");
        assertThat(own.adjustment("flow")).isZero();
        assertThat(own.live("started")).isNull();

        own.place("started", status("started", "flow", HumanLoopStatus.STOPPING));
        assertThat(own.adjustment("flow")).isEqualTo(-1);
        // a second own write of the loop replaces the first and its adjustment
        own.place("started", null);
        assertThat(own.adjustment("flow")).isEqualTo(-1);
        assertThat(own.live("started")).isNotNull().extracting(OwnWrites.Overlay::status).isNull();
        storedInProgress.remove("started");
        own.retire("started");
        assertThat(own.adjustment("flow")).isZero();
    }

    @Test
    void anOverlayThatTheStoreNeverReportsExpiresWithItsAdjustment() {
        own.place("lost", status("lost", "flow", HumanLoopStatus.IN_PROGRESS));
        clock.advance(OwnWrites.TTL.minusSeconds(1));
        assertThat(own.adjustment("flow")).isEqualTo(1);
        assertThat(own.of("flow")).extracting(LoopStatusEvent::getHumanLoopName).containsExactly("lost");

        clock.advance(Duration.ofSeconds(2));
        assertThat(own.adjustment("flow")).isZero();
        assertThat(own.live("lost")).isNull();
        assertThat(own.of("flow")).isEmpty();
    }

    @Test
    void onlyTheFlowsLoopsThatStillExistAreListed() {
        own.place("a", status("a", "flow", HumanLoopStatus.STOPPING));
        own.place("b", status("b", "other", HumanLoopStatus.IN_PROGRESS));
        own.place("c", null);
        assertThat(own.of("flow")).extracting(LoopStatusEvent::getHumanLoopName).containsExactly("a");
    }

    @Test
    void overlaysPlacedAndRetiredAtOnceLeaveNothingInTheCountsOnceAllAreRetired() throws Exception {
        // request threads place overlays while the reader's thread stores the loops' news and retires them
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                boolean reader = t == 0;
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String name = "loop-" + random.nextInt(16);
                        String flow = "flow-" + random.nextInt(2);
                        if (reader) {
                            if (random.nextBoolean()) {
                                storedInProgress.put(name, flow);
                            } else {
                                storedInProgress.remove(name);
                            }
                            own.retire(name);
                        } else {
                            own.place(name, random.nextInt(4) == 0 ? null : status(name, flow,
                                    random.nextBoolean() ? HumanLoopStatus.IN_PROGRESS : HumanLoopStatus.STOPPING));
                        }
                    }
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        } finally {
            threads.shutdown();
        }
        for (int i = 0; i < 16; i++) {
            own.retire("loop-" + i);
        }
        assertThat(own.adjustment("flow-0")).isZero();
        assertThat(own.adjustment("flow-1")).isZero();
    }

    private LoopStatusEvent status(String name, String flow, HumanLoopStatus status) {
        return LoopStatusEvent.newBuilder()
                .setEnvelope(ENVELOPES.next("")).setHumanLoopName(name)
                .setHumanLoopArn("arn:aws:sagemaker:us-east-1:111122223333:human-loop/" + name)
                .setFlowDefinitionName(flow)
                .setFlowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + flow)
                .setStatus(status).setCreationTime(clock.instant()).setUpdatedAt(clock.instant()).build();
    }
}
