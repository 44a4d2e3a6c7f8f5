package io.reviewstream.looprouter.it;

import io.reviewstream.looprouter.LoopRouterApplication;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.TaskUis;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a commit interval of 100 s, one prediction after another still becomes a committed loop within seconds: only
 * the early commits can have committed them, since one interval cannot pass between them.
 */
@SpringBootTest(classes = LoopRouterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=loop-router")
class EarlyCommitIntegrationTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        RouterFixtures.infrastructure(registry, "early" + RUN);
        registry.add("reviewstream.router.commit-interval", () -> "100s");
        // Kafka Streams refuses a commit interval longer than the transactions may stay open
        registry.add("spring.kafka.streams.properties.producer.transaction.timeout.ms", () -> "300000");
    }

    @Autowired
    Topics topics;
    @Autowired
    Envelopes envelopes;
    @Autowired
    Arns arns;

    @Test
    void aLightInputIsCommittedLongBeforeTheCommitInterval() throws Exception {
        try (KafkaProducer<String, byte[]> producer = RouterFixtures.producer();
             KafkaConsumer<String, LoopStarted> loops = RouterFixtures.committedReader(topics.loops)) {
            RouterFixtures.send(producer, topics.taskUis, "early-ui", TaskUis.active(envelopes.next("it"), arns,
                    "early-ui", "<crowd-form></crowd-form>", Instant.now(), List.of()));
            RouterFixtures.send(producer, topics.flowDefinitions, "early-flow",
                    RouterFixtures.flow(envelopes, arns, "early-flow", "early-ui"));
            producer.flush();

            for (int i = 0; i < 3; i++) {
                String id = "early-" + i;
                // the flow reaches the router's global store on its own thread: resend until it starts a loop
                Instant deadline = Instant.now().plus(i == 0 ? Duration.ofSeconds(30) : WITHIN);
                ConsumerRecord<String, LoopStarted> started = null;
                while (started == null && Instant.now().isBefore(deadline)) {
                    producer.send(new ProducerRecord<>(topics.predictions.name(), id, ("{\"predictionId\":\"" + id
                            + "\",\"flowDefinitionName\":\"early-flow\",\"inputContent\":{\"confidence\":0.1}}")
                            .getBytes(StandardCharsets.UTF_8))).get();
                    started = awaitLoop(loops, id, Duration.ofSeconds(1));
                }
                assertThat(started).as("loop %s committed in time", id).isNotNull();
            }
        }
    }

    private static ConsumerRecord<String, LoopStarted> awaitLoop(KafkaConsumer<String, LoopStarted> loops,
                                                                 String name, Duration wait) {
        Instant until = Instant.now().plus(wait);
        while (Instant.now().isBefore(until)) {
            for (ConsumerRecord<String, LoopStarted> record : loops.poll(Duration.ofMillis(100))) {
                if (record.key().equals(name)) {
                    return record;
                }
            }
        }
        return null;
    }
}
