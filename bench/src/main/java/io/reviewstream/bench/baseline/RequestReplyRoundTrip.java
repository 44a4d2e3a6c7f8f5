package io.reviewstream.bench.baseline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewstream.bench.measure.Latencies;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.streams.StreamsApp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor of any claim through Kafka: a request produced, passed on unchanged by an exactly-once Kafka Streams app
 * with the settings every Reviewstream app shares (so the same commit interval as task-service's queue owner), and
 * the reply read read_committed, one at a time, on the same broker as the services.
 */
public final class RequestReplyRoundTrip {

    private static final String REQUESTS = "bench.requests";
    private static final String REPLIES = "bench.replies";
    private static final int WARM_UP = 10;

    private final KafkaClients clients;
    private final String deadLetterTopic;
    private final Path stateDir;
    private final Map<String, Object> streamsTuning;
    private final Map<String, Object> replyReaderTuning;

    /** With the settings every Reviewstream app shares, Kafka Streams' 100 ms commit interval among them. */
    public RequestReplyRoundTrip(KafkaClients clients, String deadLetterTopic, Path stateDir) {
        this(clients, deadLetterTopic, stateDir, Map.of(), Map.of());
    }

    /**
     * @param streamsTuning     Streams settings on top of the shared ones, e.g. the commit interval
     * @param replyReaderTuning consumer settings of the reply reader, e.g. {@code fetch.max.wait.ms}
     */
    public RequestReplyRoundTrip(KafkaClients clients, String deadLetterTopic, Path stateDir,
                                 Map<String, Object> streamsTuning, Map<String, Object> replyReaderTuning) {
        this.clients = clients;
        this.deadLetterTopic = deadLetterTopic;
        this.stateDir = stateDir;
        this.streamsTuning = streamsTuning;
        this.replyReaderTuning = replyReaderTuning;
    }

    /** Round trips one at a time, on topics and an application id of their own for each measurement. */
    public Latencies measure(int samples) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String requests = REQUESTS + "." + run;
        String replyTopic = REPLIES + "." + run;
        try (Admin admin = clients.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic(requests, 1, (short) 1), new NewTopic(replyTopic, 1, (short) 1)))
                    .all().get();
        }
        Topology passThrough = new Topology();
        passThrough.addSource("requests", new StringDeserializer(), new StringDeserializer(), requests);
        passThrough.addSink("replies", replyTopic, new StringSerializer(), new StringSerializer(), "requests");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Map<String, Object> config = new HashMap<>(streamsTuning);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-request-reply-" + run);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        StreamsApp app = new StreamsApp(passThrough, StreamsApp.settings(clients, config, "bench", deadLetterTopic,
                meters), meters);
        Map<String, Object> readerConfig = new HashMap<>(replyReaderTuning);
        readerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        app.start();
        Latencies roundTrips = new Latencies();
        try (KafkaProducer<String, String> producer = clients.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> replies = clients.consumer(readerConfig, new StringDeserializer(),
                     new StringDeserializer())) {
            replies.assign(List.of(new TopicPartition(replyTopic, 0)));
            replies.seekToBeginning(replies.assignment());
            while (app.streams().state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(100);
            }
            for (int i = 0; i < WARM_UP + samples; i++) {
                String key = "r" + i;
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(requests, key, "request")).get();
                awaitReply(replies, key);
                if (i >= WARM_UP) {
                    roundTrips.add(System.nanoTime() - start);
                }
            }
        } finally {
            app.stop();
        }
        return roundTrips;
    }

    private static void awaitReply(KafkaConsumer<String, String> replies, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> reply : replies.poll(Duration.ofMillis(5))) {
                if (reply.key().equals(key)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("No reply to " + key + " within 30 s");
    }
}
