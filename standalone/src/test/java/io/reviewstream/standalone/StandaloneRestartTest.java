package io.reviewstream.standalone;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.embedded.TopicContents;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/standalone.md promises about a restart on the same data folder: topics, records and the schemas that
 * decode them, objects and the demo are all still there, and nothing is seeded twice.
 */
class StandaloneRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartOnTheSameFolderResumesEverything() throws Exception {
        byte[] object = "{\"kept\":true}".getBytes(StandardCharsets.UTF_8);
        String usersBefore;
        try (Standalone first = Standalone.start(StandaloneConfig.ephemeral(dataDir))) {
            Topics topics = topics(first.infra());
            produce(first.infra(), topics.predictions.name(), "before-restart", """
                    {"predictionId":"before-restart","flowDefinitionName":"demo-flow",
                     "inputContent":{"label":"cat","confidence":0.97}}""");
            assertThat(decisionsFor(first.infra(), topics.decisions, "before-restart", 1)).hasSize(1);
            s3(first.infra()).putObject(PutObjectArgs.builder().bucket(Demo.OUTPUT_BUCKET).object("kept/object.json")
                    .stream(new ByteArrayInputStream(object), (long) object.length, -1L).build());
            usersBefore = Files.readString(dataDir.resolve("users.txt"));
        }

        try (Standalone second = Standalone.start(StandaloneConfig.ephemeral(dataDir))) {
            // a fresh serde: every schema id must be resolved again from the restarted registry
            Topics topics = topics(second.infra());
            List<Decision> decisions = decisionsFor(second.infra(), topics.decisions, "before-restart", 1);
            assertThat(decisions).singleElement()
                    .extracting(Decision::getOutcome).isEqualTo(DecisionOutcome.AUTO_ACCEPTED);
            assertThat(readAll(second.infra(), topics.workteams)).extracting(ConsumerRecord::key)
                    .containsOnlyOnce(Demo.WORKTEAM);
            assertThat(readAll(second.infra(), topics.flowDefinitions)).extracting(ConsumerRecord::key)
                    .containsOnlyOnce(Demo.FLOW);
            try (var in = s3(second.infra()).getObject(GetObjectArgs.builder().bucket(Demo.OUTPUT_BUCKET)
                    .object("kept/object.json").build())) {
                assertThat(in.readAllBytes()).isEqualTo(object);
            }
            assertThat(Files.readString(dataDir.resolve("users.txt"))).isEqualTo(usersBefore);
        }
    }

    private static Topics topics(EmbeddedInfra infra) {
        return new Topics(Standalone.TOPIC_PREFIX, new SerdeFactory(
                new SchemaRegistryClient(infra.schemaRegistryUrl()), new Envelopes(Clock.systemUTC())));
    }

    private static MinioClient s3(EmbeddedInfra infra) {
        return MinioClient.builder().endpoint(infra.s3Endpoint()).region(infra.s3Region())
                .credentials(infra.s3AccessKey(), infra.s3SecretKey()).build();
    }

    private static void produce(EmbeddedInfra infra, String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Decisions about one prediction, waiting up to a minute until {@code expected} of them are there. */
    private static List<Decision> decisionsFor(EmbeddedInfra infra, Topic<String, Decision> topic,
                                               String predictionId, int expected) {
        long deadline = System.currentTimeMillis() + 60_000;
        List<Decision> found = new ArrayList<>();
        while (found.size() < expected && System.currentTimeMillis() < deadline) {
            found = readAll(infra, topic).stream().map(ConsumerRecord::value)
                    .filter(d -> d != null && d.getPredictionId().equals(predictionId)).toList();
            sleep();
        }
        return found;
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every committed record of a topic, from the beginning up to its end offsets at the time of the call. */
    private static <V> List<ConsumerRecord<String, V>> readAll(EmbeddedInfra infra, Topic<String, V> topic) {
        return TopicContents.readAll(infra.bootstrapServers(), topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer(), Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }
}
