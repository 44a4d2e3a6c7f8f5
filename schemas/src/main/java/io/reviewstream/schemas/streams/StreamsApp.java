package io.reviewstream.schemas.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.reviewstream.schemas.deadletter.DeadLetterCounter;
import io.reviewstream.schemas.deadletter.DeadLetterDeserializationHandler;
import io.reviewstream.schemas.deadletter.DeadLetterProcessingHandler;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Runs one service's topology as a Spring lifecycle bean, with the settings every Reviewstream Streams app shares:
 * exactly-once, dead letters for unparsable and unprocessable records, and Streams metrics in Micrometer. The
 * transactional ids derive from the application id, so each instance gets its own without configuration.
 */
public final class StreamsApp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

    /** Kafka Streams' default {@code poll.ms}. */
    private static final long DEFAULT_POLL_MS = 100;

    private final Topology topology;
    private final Properties properties;
    private final MeterRegistry meterRegistry;
    private KafkaStreams streams;
    private volatile boolean ranSinceStart;
    private KafkaStreamsMetrics metrics;

    public StreamsApp(Topology topology, Properties properties, MeterRegistry meterRegistry) {
        this.topology = topology;
        this.meterRegistry = meterRegistry;
        this.properties = properties;
    }

    /**
     * Commit every {@code interval}, and make that the bound on how long a record's output waits for its commit. A
     * stream thread commits only between polls, and with no new input it blocks in {@code poll.ms} (100 ms by
     * default) first: a record processed before the interval had passed since the last commit, with nothing more
     * arriving, waited for that poll, not for the interval (measured: a task opened visible on rs.task-events up to
     * 190 ms after it was opened, with a 10 ms interval). Polling no longer than the interval keeps the commit on
     * time; an idle thread then wakes up that often.
     */
    public static Map<String, Object> commitEvery(Duration interval) {
        long millis = interval.toMillis();
        return Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, millis,
                StreamsConfig.POLL_MS_CONFIG, Math.max(1, Math.min(millis, DEFAULT_POLL_MS)));
    }

    /**
     * The Streams settings every Reviewstream app runs with, {@code config} applied last; topology tests use the same
     * so that they exercise the production handlers.
     */
    public static Properties settings(Map<String, Object> config, String service, String deadLetterTopic,
                                      MeterRegistry meterRegistry) {
        return properties(withShared(config, service, deadLetterTopic, meterRegistry));
    }

    /**
     * The same on top of the {@code spring.kafka.*} settings, so that connection and security settings reach the app
     * and its internal clients while the settings every app relies on (exactly-once, dead letters) still win.
     */
    public static Properties settings(KafkaClients clients, Map<String, Object> config, String service,
                                      String deadLetterTopic, MeterRegistry meterRegistry) {
        return properties(clients.streamsConfig(withShared(config, service, deadLetterTopic, meterRegistry)));
    }

    private static Map<String, Object> withShared(Map<String, Object> config, String service, String deadLetterTopic,
                                                  MeterRegistry meterRegistry) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // No topology here joins or orders records across its input topics by timestamp, and with idling
        // enabled Streams formats a log text for every empty input partition before every record it processes.
        settings.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // With the brokers' transactions v2 (Kafka 4), the first record of a transaction started right after a commit
        // may find that commit's markers still being written; the broker then answers CONCURRENT_TRANSACTIONS and the
        // producer retries after retry.backoff.ms, 100 ms by default: a tenth of a second added to every reply of
        // the transaction (seen at task-service under load). 10 ms, still doubling on each further retry, keeps
        // that to the markers' own time.
        settings.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        // a loop's records carry its input, so changelogs and outputs must take what the topics take
        settings.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topic.MAX_RECORD_BYTES);
        settings.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), Topic.MAX_RECORD_BYTES);
        settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class);
        settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        settings.put(DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG, deadLetterTopic);
        settings.put(DeadLetterDeserializationHandler.SERVICE_CONFIG, service);
        settings.put(DeadLetterCounter.METER_REGISTRY_CONFIG, meterRegistry);
        settings.putAll(config);
        return settings;
    }

    private static Properties properties(Map<String, Object> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }

    @Override
    public synchronized void start() {
        streams = new KafkaStreams(topology, properties);
        ranSinceStart = false;
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                ranSinceStart = true;
            }
        });
        // A failed stream thread is replaced instead of taking the whole application down; its tasks resume
        // from the last committed transaction.
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("Stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(meterRegistry);
        streams.start();
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            metrics.close();
            streams = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return streams != null;
    }

    /** The running instance, for interactive queries and health. */
    public synchronized KafkaStreams streams() {
        return streams;
    }

    /**
     * True once the app has been RUNNING since its start: until then it is restoring its state stores or still
     * joining its group, and its tasks answer nothing.
     */
    public boolean ranSinceStart() {
        return ranSinceStart;
    }

    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    public Topology topology() {
        return topology;
    }
}
