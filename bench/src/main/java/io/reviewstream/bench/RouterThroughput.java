package io.reviewstream.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.looprouter.config.RouterProperties;
import io.reviewstream.looprouter.domain.DecisionDetail;
import io.reviewstream.looprouter.topology.LoopRouterTopology;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.TaskUis;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.streams.EarlyCommits;
import io.reviewstream.schemas.streams.StreamsApp;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.convert.DurationStyle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * End-to-end throughput of the router against a pass-through Kafka Streams app, on the same embedded broker in
 * the same run, both with exactly_once_v2 and the same threads: each reads the same pre-produced predictions, and
 * its rate is that of its committed offsets in the steady state. Settings: {@code -Dbench.predictions} (default 200000), {@code -Dbench.rounds}
 * (default 2, alternating pass-through and router), {@code -Dbench.partitions} and {@code -Dbench.threads}
 * (default 2 each), {@code -Dbench.decision-detail} (the router's {@link DecisionDetail}, default results),
 * {@code -Dbench.commit-interval} (the router's {@code reviewstream.router.commit-interval}, default the service's).
 */
public final class RouterThroughput {

    private static final int PREDICTIONS = Integer.getInteger("bench.predictions", 200_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    private static final Duration COMMIT_INTERVAL = DurationStyle.detectAndParse(
            System.getProperty("bench.commit-interval", RouterProperties.DEFAULT_COMMIT_INTERVAL));
    private static final Duration EARLY_COMMIT_GAP = DurationStyle.detectAndParse(
            System.getProperty("bench.early-commit-gap", RouterProperties.DEFAULT_EARLY_COMMIT_GAP));
    private static final int PARTITIONS = Integer.getInteger("bench.partitions", 2);
    private static final int THREADS = Integer.getInteger("bench.threads", 2);
    private static final DecisionDetail DECISION_DETAIL = DecisionDetail.valueOf(
            System.getProperty("bench.decision-detail", DecisionDetail.RESULTS.name()).toUpperCase(Locale.ROOT));

    private final EmbeddedInfra infra = EmbeddedInfra.shared();
    private final Clock clock = Clock.systemUTC();
    private final Envelopes envelopes = new Envelopes(clock);
    private final SerdeFactory serdes = new SerdeFactory(new SchemaRegistryClient(infra.schemaRegistryUrl()), envelopes);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Topics topics = new Topics("bench" + run + ".", serdes);
    private final Arns arns = new Arns("us-east-1", "111122223333");
    private final KafkaClients clients = KafkaClients.forBootstrapServers(infra.bootstrapServers());
    private final Admin admin = clients.admin(Map.of());

    public static void main(String[] args) throws Exception {
        RouterThroughput bench = new RouterThroughput();
        try {
            bench.run();
        } finally {
            bench.admin.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        createTopics();
        produce();
        System.out.printf(Locale.ROOT, "%,d predictions on %d partitions, %d stream threads, exactly_once_v2,"
                + " decision detail %s%n", PREDICTIONS, PARTITIONS, THREADS, DECISION_DETAIL);
        List<String> results = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            double passThrough = measure("pass-through", passThroughTopology(), Map.of(),
                    List.of(topics.predictions.name()));
            recreateCandidatesTopic();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            // the router with the Streams settings the service adds to the shared ones, as it runs in production
            EarlyCommits early = EarlyCommits.of(EARLY_COMMIT_GAP,
                    Long.parseLong(RouterProperties.DEFAULT_EARLY_COMMIT_MAX_RATE));
            double router = measure("router", LoopRouterTopology.build(topics, serdes, envelopes, arns, clock, meters,
                            DECISION_DETAIL, early),
                    RouterProperties.streamsTuning(Integer.parseInt(RouterProperties.DEFAULT_PRODUCER_BATCH_SIZE),
                            COMMIT_INTERVAL, early),
                    List.of(topics.predictions.name(), topics.name(LoopRouterTopology.CANDIDATES_TOPIC)));
            System.out.println("router decisions by outcome: " + meters.find("reviewstream.decisions").counters()
                    .stream().collect(Collectors.groupingBy(c -> c.getId().getTag("outcome"),
                            Collectors.summingDouble(c -> c.count()))));
            results.add(String.format(Locale.ROOT, "round %d: pass-through %,.0f/s, router (commit interval %d ms, "
                    + "early commits %s) %,.0f/s, ratio %s", round, passThrough, COMMIT_INTERVAL.toMillis(),
                    early.enabled() ? "after " + EARLY_COMMIT_GAP.toMillis() + " ms" : "off", router,
                    passThrough > 0 && router > 0
                            ? String.format(Locale.ROOT, "%.0f %%", 100 * router / passThrough)
                            : "not measured (too few predictions timed)"));
        }
        System.out.println("RESULTS");
        results.forEach(System.out::println);
    }

    private void createTopics() throws Exception {
        List<NewTopic> newTopics = new ArrayList<>();
        for (Topic<?, ?> topic : topics.all()) {
            newTopics.add(topic.newTopic(PARTITIONS, (short) 1));
        }
        newTopics.add(LoopRouterTopology.candidatesTopic(topics, serdes).newTopic(PARTITIONS, (short) 1));
        newTopics.add(new NewTopic(topics.name("pass-through"), PARTITIONS, (short) 1));
        admin.createTopics(newTopics).all().get();
    }

    /**
     * Every round's router starts with a new application id and reads its loop candidates from the beginning: without
     * this, it would also start the loops of every earlier round's candidates.
     */
    private void recreateCandidatesTopic() throws Exception {
        NewTopic candidates = LoopRouterTopology.candidatesTopic(topics, serdes).newTopic(PARTITIONS, (short) 1);
        admin.deleteTopics(List.of(candidates.name())).all().get();
        while (true) {
            try {
                admin.createTopics(List.of(candidates)).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // the deletion is still under way
                Thread.sleep(100);
            }
        }
    }

    /** The task UI and flow definitions first, then the predictions, half for each of two flows. */
    private void produce() throws Exception {
        try (KafkaProducer<String, byte[]> producer = clients.producer(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.taskUis.name(), "bench-ui", topics.taskUis.valueSerde()
                    .serializer().serialize(topics.taskUis.name(), TaskUis.active(envelopes.next("bench"), arns,
                            "bench-ui", "<crowd-form></crowd-form>", clock.instant(), List.of()))));
            for (String flow : List.of("classifier", "detector")) {
                producer.send(new ProducerRecord<>(topics.flowDefinitions.name(), flow,
                        topics.flowDefinitions.valueSerde().serializer().serialize(topics.flowDefinitions.name(),
                                flow(flow))));
            }
            for (int i = 0; i < PREDICTIONS; i++) {
                double confidence = (i * 7919L % 1000) / 1000.0;
                String id = "p-" + i;
                String json = predictionJson(id, i % 2 == 0 ? "classifier" : "detector", confidence, i);
                producer.send(new ProducerRecord<>(topics.predictions.name(), id, json.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** A prediction record as the benchmark publishes it, shared with the parsing benchmark. */
    static String predictionJson(String id, String flow, double confidence, int seed) {
        return "{\"predictionId\":\"" + id + "\",\"flowDefinitionName\":\"" + flow
                + "\",\"model\":\"resnet-2.1\",\"inputContent\":" + Workload.classifierInput(confidence, seed) + "}";
    }

    private Topology passThroughTopology() {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.predictions.name());
        topology.addSink("out", topics.name("pass-through"), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), "in");
        return topology;
    }

    /**
     * Predictions per second in the steady state: the slope of the committed offsets of the predictions between
     * the moments they first cover 10 % and 90 % of them. Start-up (rebalance, restoring, JIT) and the tail (the
     * last commit, the router's loop candidates drained after the last prediction) are outside that window, and an
     * app that processes records while it still reports REBALANCING is measured all the same.
     */
    private double measure(String name, Topology topology, Map<String, Object> appConfig, List<String> inputTopics)
            throws Exception {
        String applicationId = "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = new HashMap<>(appConfig);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-state").toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, THREADS);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamsApp app = new StreamsApp(topology,
                StreamsApp.settings(clients, config, "bench", topics.deadLetters.name(), meters), meters);
        long started = System.nanoTime();
        app.start();
        try {
            long low = PREDICTIONS / 10;
            long high = PREDICTIONS - low;
            long firstAt = -1;
            long lowAt = -1;
            long lowCommitted = 0;
            long highAt;
            long highCommitted;
            while (true) {
                long committed = committed(applicationId, inputTopics.get(0));
                long now = System.nanoTime();
                if (firstAt < 0 && committed > 0) {
                    firstAt = now;
                }
                if (lowAt < 0 && committed >= low) {
                    lowAt = now;
                    lowCommitted = committed;
                }
                if (committed >= high) {
                    highAt = now;
                    highCommitted = committed;
                    break;
                }
                Thread.sleep(10);
            }
            waitUntilCommitted(applicationId, List.of(inputTopics.get(0)));
            long predictionsAt = System.nanoTime();
            long candidatesThen = inputTopics.size() > 1 ? committed(applicationId, inputTopics.get(1)) : 0;
            waitUntilCommitted(applicationId, inputTopics);
            double total = (System.nanoTime() - started) / 1e9;
            double seconds = (highAt - lowAt) / 1e9;
            if (highCommitted == lowCommitted) {
                System.out.printf(Locale.ROOT, "%-12s all in one commit after %.2f s: not measured%n", name, total);
                return 0;
            }
            double rate = (highCommitted - lowCommitted) / seconds;
            System.out.printf(Locale.ROOT, "%-12s %,d predictions in %.2f s in the steady state: %,.0f predictions/s"
                    + " (after start: first commit %.2f s, all predictions %.2f s, all inputs %.2f s)%n", name,
                    highCommitted - lowCommitted, seconds, rate, (firstAt - started) / 1e9,
                    (predictionsAt - started) / 1e9, total);
            if (inputTopics.size() > 1) {
                // the final committed offset counts the transaction markers too, hence only a share
                System.out.printf(Locale.ROOT, "%-12s %.0f %% of the loop candidates done with the last prediction%n",
                        "", 100.0 * candidatesThen / committed(applicationId, inputTopics.get(1)));
            }
            return rate;
        } finally {
            app.stop();
        }
    }

    /** Records of {@code topic} the group has committed. */
    private long committed(String group, String topic) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private void waitUntilCommitted(String group, List<String> inputTopics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : inputTopics) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        while (true) {
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            boolean done = ends.entrySet().stream().allMatch(end -> {
                OffsetAndMetadata offset = committed.get(end.getKey());
                // The candidates topic is written in transactions: its last offset is a commit marker.
                long last = end.getKey().topic().equals(inputTopics.get(0)) ? end.getValue() : end.getValue() - 1;
                return end.getValue() == 0 || offset != null && offset.offset() >= last;
            });
            if (done) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private FlowDefinition flow(String name) {
        return FlowDefinition.newBuilder()
                .setEnvelope(envelopes.next("bench"))
                .setName(name).setArn(arns.flowDefinition(name)).setVersion(1)
                .setStatus(FlowDefinitionStatus.ACTIVE).setCreationTime(clock.instant())
                .setActivationConditions(Workload.CLASSIFIER_CONDITIONS)
                .setHumanLoopConfig(HumanLoopConfig.newBuilder()
                        .setWorkteamArn(arns.workteam("bench-team"))
                        .setHumanTaskUiArn(arns.humanTaskUi("bench-ui"))
                        .setTaskTitle("Review").setTaskDescription("Review the prediction").setTaskCount(1).build())
                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath("s3://bench/out").build())
                .setRoleArn("arn:aws:iam::111122223333:role/reviewstream")
                .build();
    }
}
