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

    public RequestReplyRoundTrip(KafkaClients clients, String deadLetterTopic, Path stateDir) {
        this.clients = clients;
        this.deadLetterTopic = deadLetterTopic;
        this.stateDir = stateDir;
    }

    public Latencies measure(int samples) throws Exception {
        try (Admin admin = clients.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic(REQUESTS, 1, (short) 1), new NewTopic(REPLIES, 1, (short) 1)))
                    .all().get();
        }
        Topology passThrough = new Topology();
        passThrough.addSource("requests", new StringDeserializer(), new StringDeserializer(), REQUESTS);
        passThrough.addSink("replies", REPLIES, new StringSerializer(), new StringSerializer(), "requests");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamsApp app = new StreamsApp(passThrough, StreamsApp.settings(clients, Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "bench-request-reply",
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()), "bench", deadLetterTopic, meters), meters);
        app.start();
        Latencies roundTrips = new Latencies();
        try (KafkaProducer<String, String> producer = clients.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> replies = clients.consumer(Map.of(
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                     new StringDeserializer())) {
            replies.assign(List.of(new TopicPartition(REPLIES, 0)));
            replies.seekToBeginning(replies.assignment());
            while (app.streams().state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(100);
            }
            for (int i = 0; i < WARM_UP + samples; i++) {
                String key = "r" + i;
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(REQUESTS, key, "request")).get();
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
