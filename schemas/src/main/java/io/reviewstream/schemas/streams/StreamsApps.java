package io.reviewstream.schemas.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.schemas.kafka.KafkaClients;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the services' Streams apps the same way: connection and security from {@code spring.kafka.*}, the settings
 * every app shares, the service's own identity and size, and internal topics as durable as the shared ones.
 */
public final class StreamsApps {

    /**
     * Who one service's app is and how big, from that service's own settings.
     *
     * @param service       the service's name in dead letters and metrics
     * @param applicationId Streams application id: the consumer group and the prefix of internal topics
     * @param stateDir      where state stores live on disk
     * @param streamThreads stream threads of this instance
     */
    public record Instance(String service, String applicationId, String stateDir, int streamThreads) {
    }

    private final KafkaClients clients;
    private final KafkaAdmin admin;
    private final short replicationFactor;
    private final String deadLetterTopic;
    private final MeterRegistry meters;

    public StreamsApps(KafkaClients clients, KafkaAdmin admin, short replicationFactor, String deadLetterTopic,
                       MeterRegistry meters) {
        this.clients = clients;
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.deadLetterTopic = deadLetterTopic;
        this.meters = meters;
    }

    /** The app of {@code topology}, with {@code tuning} for settings only this service needs. */
    public StreamsApp create(Instance instance, Topology topology, Map<String, Object> tuning) {
        // Topics must exist before Streams subscribes; the admin creates the declared ones on first use.
        admin.initialize();
        return new StreamsApp(topology, settings(instance, tuning), meters);
    }

    Properties settings(Instance instance, Map<String, Object> tuning) {
        Map<String, Object> config = new HashMap<>(tuning);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, instance.applicationId());
        config.put(StreamsConfig.STATE_DIR_CONFIG, instance.stateDir());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, instance.streamThreads());
        // changelogs and repartition topics hold loop state: they must survive a broker as the shared topics do
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        return StreamsApp.settings(clients, config, instance.service(), deadLetterTopic, meters);
    }
}
