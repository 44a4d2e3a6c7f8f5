package io.reviewstream.schemas.status;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.embedded.MutableClock;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop status store fed from rs.loop-status on the real broker and registry, through restarts. */
class LoopStatusStoreTest {

    static final EmbeddedInfra infra = EmbeddedInfra.shared();
    static final Envelopes envelopes = new Envelopes(Clock.systemUTC());
    static final Instant BASE = Instant.parse("2024-05-01T09:00:00Z");

    @TempDir
    Path stateDir;
    Topic<String, LoopStatusEvent> topic;
    KafkaProducer<String, LoopStatusEvent> producer;
    /** Every loop the running reader has reported changed, with how often. */
    final Map<String, Integer> changed = new ConcurrentHashMap<>();
    LoopStatusStore store;
    LoopStatusReader reader;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    @BeforeEach
    void topic() throws Exception {
        Topics topics = new Topics("st" + UUID.randomUUID().toString().substring(0, 8) + ".",
                new SerdeFactory(new SchemaRegistryClient(infra.schemaRegistryUrl()), envelopes));
        topic = topics.loopStatus;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(topic.newTopic(3, (short) 1))).all().get();
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @AfterEach
    void close() {
        stop();
        producer.close();
    }

    @Test
    void aRestartResumesFromTheCheckpointAndAppliesOnlyWhatCameAfter() throws Exception {
        for (int i = 0; i < 50; i++) {
            write(status("before-" + i, "flow", HumanLoopStatus.IN_PROGRESS, BASE.plusSeconds(i)));
        }
        start();
        awaitCaughtUp();
        assertThat(changed).hasSize(50);
        assertThat(store.inProgress("flow")).isEqualTo(50);
        Map<Integer, Long> checkpoint = store.checkpoint();
        assertThat(checkpoint.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50);
        stop();

        write(status("before-0", "flow", HumanLoopStatus.COMPLETED, BASE));
        write(status("after", "flow", HumanLoopStatus.IN_PROGRESS, BASE.plusSeconds(100)));
        delete("before-1");
        changed.clear();
        start();
        awaitCaughtUp();
        await(() -> changed.keySet().containsAll(Set.of("before-0", "after", "before-1")));

        assertThat(changed).as("only what came after the checkpoint is read again")
                .containsOnlyKeys("before-0", "after", "before-1");
        assertThat(store.get("before-0")).get().extracting(LoopStatusEvent::getStatus)
                .isEqualTo(HumanLoopStatus.COMPLETED);
        assertThat(store.get("before-1")).isEmpty();
        assertThat(store.get("before-2")).get().extracting(LoopStatusEvent::getStatus)
                .isEqualTo(HumanLoopStatus.IN_PROGRESS);
        assertThat(store.inProgress("flow")).isEqualTo(49);
    }

    @Test
    void aStoreNotCurrentForLongerThanTheTopicKeepsTombstonesIsRebuilt() throws Exception {
        write(status("old", "flow", HumanLoopStatus.IN_PROGRESS, BASE));
        start();
        awaitCaughtUp();
        stop();
        try (LoopStatusStore closed = new LoopStatusStore(stateDir, topic)) {
            assertThat(closed.currentAt()).as("noted once it had read the whole topic").isEqualTo(clock.instant());
        }

        write(status("new", "flow", HumanLoopStatus.IN_PROGRESS, BASE));
        // the embedded broker keeps tombstones for Kafka's default of a day
        clock.advance(Duration.ofDays(30));
        changed.clear();
        start();
        awaitCaughtUp();
        await(() -> changed.containsKey("new"));
        assertThat(changed).as("read again from the beginning").containsKeys("old", "new");
        assertThat(store.inProgress("flow")).isEqualTo(2);
    }

    @Test
    void aStoreOfATopicThatWasCreatedAnewIsRebuiltEvenWhenItsOffsetsFit() throws Exception {
        write(status("first-topic", "flow", HumanLoopStatus.IN_PROGRESS, BASE));
        start();
        awaitCaughtUp();
        stop();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.deleteTopics(List.of(topic.name())).all().get();
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                try {
                    admin.createTopics(List.of(topic.newTopic(3, (short) 1))).all().get();
                    break;
                } catch (ExecutionException stillBeingDeleted) {
                    assertThat(System.currentTimeMillis()).as("topic created anew").isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
        }
        // more records than before on every partition, so that the old checkpoint lies within the new offsets
        for (int i = 0; i < 30; i++) {
            write(status("second-topic-" + i, "flow", HumanLoopStatus.COMPLETED, BASE));
        }
        start();
        awaitCaughtUp();

        assertThat(store.get("first-topic")).isEmpty();
        assertThat(store.get("second-topic-0")).isPresent();
        assertThat(store.inProgress("flow")).isZero();
    }

    @Test
    void aDeletedLoopIsGoneFromReadsPagesAndCounts() throws Exception {
        write(status("kept", "flow", HumanLoopStatus.IN_PROGRESS, BASE));
        write(status("deleted", "flow", HumanLoopStatus.IN_PROGRESS, BASE.plusSeconds(1)));
        write(status("deleted", "flow", HumanLoopStatus.STOPPED, BASE.plusSeconds(1)));
        delete("deleted");
        delete("never-existed");
        start();
        awaitCaughtUp();

        assertThat(store.get("deleted")).isEmpty();
        assertThat(store.inProgressFlow("deleted")).isNull();
        assertThat(names(store.page("flow", Long.MIN_VALUE, Long.MAX_VALUE, null, false, 10, n -> true)))
                .containsExactly("kept");
        assertThat(store.inProgress("flow")).isEqualTo(1);
        assertThat(store.inProgressFlow("kept")).isEqualTo("flow");
    }

    @Test
    void countsFollowStatusChangesAndStayRightWhenRecordsAreAppliedAgain() throws Exception {
        write(status("a", "flow", HumanLoopStatus.IN_PROGRESS, BASE));
        write(status("b", "flow", HumanLoopStatus.IN_PROGRESS, BASE));
        write(status("c", "other", HumanLoopStatus.IN_PROGRESS, BASE));
        write(status("a", "flow", HumanLoopStatus.STOPPING, BASE));
        write(status("b", "flow", HumanLoopStatus.COMPLETED, BASE));
        write(status("d", "flow", HumanLoopStatus.IN_PROGRESS, BASE));
        write(status("d", "flow", HumanLoopStatus.IN_PROGRESS, BASE));
        // a loop whose flow changes counts in the new flow only
        write(status("e", "other", HumanLoopStatus.IN_PROGRESS, BASE));
        write(status("e", "flow", HumanLoopStatus.IN_PROGRESS, BASE));
        start();
        awaitCaughtUp();
        assertThat(store.inProgress("flow")).isEqualTo(2);
        assertThat(store.inProgress("other")).isEqualTo(1);
        assertThat(names(store.page("other", Long.MIN_VALUE, Long.MAX_VALUE, null, false, 10, n -> true)))
                .containsExactly("c");
        stop();

        // the same records applied again, as a redelivery would bring them: each loop still counts once
        List<ConsumerRecord<String, byte[]>> again = new ArrayList<>();
        for (LoopStatusEvent s : List.of(status("a", "flow", HumanLoopStatus.STOPPING, BASE),
                status("d", "flow", HumanLoopStatus.IN_PROGRESS, BASE),
                status("d", "flow", HumanLoopStatus.IN_PROGRESS, BASE),
                status("e", "flow", HumanLoopStatus.IN_PROGRESS, BASE))) {
            again.add(new ConsumerRecord<>(topic.name(), 0, 0, s.getHumanLoopName(),
                    topic.valueSerde().serializer().serialize(topic.name(), s)));
        }
        try (LoopStatusStore reopened = new LoopStatusStore(stateDir, topic)) {
            assertThat(reopened.inProgress("flow")).as("the counts are kept on disk").isEqualTo(2);
            reopened.apply(again);
            assertThat(reopened.inProgress("flow")).isEqualTo(2);
            assertThat(reopened.inProgress("other")).isEqualTo(1);

            // emptied, it is rebuilt from the whole topic to the same counts
            reopened.reset();
            assertThat(reopened.inProgress("flow")).isZero();
            assertThat(reopened.checkpoint()).isEmpty();
        }
        changed.clear();
        start();
        awaitCaughtUp();
        assertThat(store.inProgress("flow")).isEqualTo(2);
        assertThat(store.inProgress("other")).isEqualTo(1);
        assertThat(store.countedFlows()).containsExactlyInAnyOrder("flow", "other");
    }

    @Test
    void pagesAreRangesInBothOrdersWithinTimeBoundsAcrossManyLoops() throws Exception {
        Random random = new Random(7);
        List<LoopStatusEvent> loops = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // few distinct times, so that many loops share one and are ordered by name
            Instant created = BASE.plusMillis(random.nextInt(40) * 1000L - 5_000);
            loops.add(status(String.format("loop-%03d", i), i % 3 == 0 ? "other" : "flow",
                    HumanLoopStatus.values()[random.nextInt(HumanLoopStatus.values().length)], created));
        }
        loops.forEach(this::write);
        // some loops are deleted, and one changes flow
        for (int i = 1; i < 600; i += 50) {
            delete(loops.get(i).getHumanLoopName());
        }
        LoopStatusEvent moved = status("loop-002", "other", HumanLoopStatus.IN_PROGRESS, BASE.plusSeconds(3));
        write(moved);
        start();
        awaitCaughtUp();

        Map<String, LoopStatusEvent> latest = new HashMap<>();
        loops.forEach(loop -> latest.put(loop.getHumanLoopName(), loop));
        for (int i = 1; i < 600; i += 50) {
            latest.remove(loops.get(i).getHumanLoopName());
        }
        latest.put(moved.getHumanLoopName(), moved);

        long[][] windows = {{Long.MIN_VALUE, Long.MAX_VALUE}, {BASE.toEpochMilli(), BASE.plusSeconds(10).toEpochMilli() - 1},
                {BASE.minusSeconds(5).toEpochMilli(), BASE.minusSeconds(5).toEpochMilli()},
                {BASE.plusSeconds(100).toEpochMilli(), Long.MAX_VALUE}};
        for (String flow : List.of("flow", "other")) {
            for (long[] window : windows) {
                for (boolean descending : List.of(false, true)) {
                    Comparator<LoopStatusEvent> order = Comparator.<LoopStatusEvent>comparingLong(
                            l -> l.getCreationTime().toEpochMilli()).thenComparing(LoopStatusEvent::getHumanLoopName);
                    List<String> expected = latest.values().stream()
                            .filter(l -> l.getFlowDefinitionName().equals(flow)
                                    && l.getCreationTime().toEpochMilli() >= window[0]
                                    && l.getCreationTime().toEpochMilli() <= window[1])
                            .sorted(descending ? order.reversed() : order)
                            .map(LoopStatusEvent::getHumanLoopName).toList();
                    assertThat(pageThrough(flow, window, descending, 7))
                            .as("%s %s..%s %s", flow, window[0], window[1], descending ? "desc" : "asc")
                            .containsExactlyElementsOf(expected);
                }
            }
        }
        // loops the caller answers for itself are skipped without shortening the page
        List<String> skipping = names(store.page("flow", Long.MIN_VALUE, Long.MAX_VALUE, null, false, 5,
                name -> !name.equals("loop-001") && !name.equals("loop-004")));
        assertThat(skipping).hasSize(5).doesNotContain("loop-004");
    }

    /**
     * As many loops as a listing could never hold in one page, in three flows: each is read back from disk, and the
     * heap keeps one count per flow, not one entry per loop.
     */
    @Test
    void manyLoopsAreKeptOnDiskWithOneCountPerFlowInHeap() throws Exception {
        int loops = 30_000;
        for (int i = 0; i < loops; i++) {
            write(status("many-" + i, "flow-" + (i % 3), i % 4 == 0 ? HumanLoopStatus.COMPLETED
                    : HumanLoopStatus.IN_PROGRESS, BASE.plusMillis(i)));
        }
        producer.flush();
        start();
        awaitCaughtUp();

        assertThat(store.countedFlows()).containsExactlyInAnyOrder("flow-0", "flow-1", "flow-2");
        long inProgress = 0;
        for (int flow = 0; flow < 3; flow++) {
            inProgress += store.inProgress("flow-" + flow);
        }
        assertThat(inProgress).isEqualTo(loops - loops / 4);
        for (int i = 0; i < loops; i += 997) {
            assertThat(store.get("many-" + i)).get().extracting(LoopStatusEvent::getCreationTime)
                    .isEqualTo(BASE.plusMillis(i));
        }
        assertThat(names(store.page("flow-1", Long.MIN_VALUE, Long.MAX_VALUE, null, true, 3, n -> true)))
                .containsExactly("many-29998", "many-29995", "many-29992");
        try (var files = Files.walk(stateDir)) {
            assertThat(files.filter(Files::isRegularFile).mapToLong(LoopStatusStoreTest::size).sum())
                    .as("bytes on disk").isGreaterThan(loops * 100L);
        }
    }

    private List<String> pageThrough(String flow, long[] window, boolean descending, int size) {
        List<String> all = new ArrayList<>();
        LoopStatusStore.Position after = null;
        while (true) {
            List<LoopStatusEvent> page = store.page(flow, window[0], window[1], after, descending, size, n -> true);
            all.addAll(names(page));
            if (page.size() < size) {
                return all;
            }
            LoopStatusEvent last = page.get(page.size() - 1);
            after = new LoopStatusStore.Position(last.getCreationTime().toEpochMilli(), last.getHumanLoopName());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(List<LoopStatusEvent> loops) {
        return loops.stream().map(LoopStatusEvent::getHumanLoopName).toList();
    }

    /** Starts reading once everything written so far is on the broker, so that catching up includes it. */
    private void start() {
        producer.flush();
        store = new LoopStatusStore(stateDir, topic);
        reader = new LoopStatusReader(topic, store, KafkaClients.forBootstrapServers(infra.bootstrapServers()),
                List.of(name -> changed.merge(name, 1, Integer::sum)), clock);
        reader.start();
    }

    private void stop() {
        if (reader != null) {
            reader.stop();
            store.close();
            reader = null;
        }
    }

    private void awaitCaughtUp() throws InterruptedException {
        await(reader::caughtUp);
    }

    private void write(LoopStatusEvent status) {
        producer.send(new ProducerRecord<>(topic.name(), status.getHumanLoopName(), status));
    }

    private void delete(String name) {
        producer.send(new ProducerRecord<>(topic.name(), name, null));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("store caught up").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static LoopStatusEvent status(String name, String flow, HumanLoopStatus status, Instant created) {
        return LoopStatusEvent.newBuilder()
                .setEnvelope(envelopes.next("")).setHumanLoopName(name)
                .setHumanLoopArn("arn:aws:sagemaker:us-east-1:111122223333:human-loop/" + name)
                .setFlowDefinitionName(flow)
                .setFlowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/" + flow)
                .setStatus(status).setCreationTime(created).setUpdatedAt(Instant.now()).build();
    }
}
