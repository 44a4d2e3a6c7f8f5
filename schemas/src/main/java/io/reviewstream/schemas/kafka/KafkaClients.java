package io.reviewstream.schemas.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.StringUtils;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one place Kafka clients are configured: every producer, consumer, admin and Streams app starts from Spring
 * Boot's {@code spring.kafka.*} settings, so that bootstrap servers, {@code spring.kafka.security.*},
 * {@code spring.kafka.ssl.*} and any {@code spring.kafka.properties.*} (SASL mechanism, JAAS config, …) reach all of
 * them alike. A client's own settings are applied on top and win: they are what its correctness depends on
 * (isolation level, idempotence, group and transactional ids).
 *
 * <p>With a static member name, every consumer group member (a Streams app's threads, a group consumer) joins as a
 * static member: a member killed and restarted under the same name gets its partitions back without a rebalance,
 * where a new dynamic member waits until the group has given up on the dead one ({@code session.timeout.ms}, 45 s
 * by default).
 */
public final class KafkaClients {

    private final KafkaProperties properties;
    /** Distinguishes this process's transactional ids from those of every other instance. */
    private final String instanceId = UUID.randomUUID().toString();
    /** {@code group.instance.id} of this instance's group members, or null for dynamic membership. */
    private final String staticMember;

    public KafkaClients(KafkaProperties properties) {
        this(properties, null);
    }

    public KafkaClients(KafkaProperties properties, String staticMember) {
        // Boot applies an SSL bundle only to the clients it builds itself; ours would silently connect without it.
        if (StringUtils.hasText(properties.getSsl().getBundle())) {
            throw new IllegalStateException("spring.kafka.ssl.bundle is not supported; set the trust and key stores "
                    + "with spring.kafka.ssl.trust-store-location / key-store-location (or the PEM certificates)");
        }
        this.properties = properties;
        this.staticMember = staticMember;
    }

    /** Clients of a cluster that needs nothing but its address, as an in-process one. */
    public static KafkaClients forBootstrapServers(String bootstrapServers) {
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(bootstrapServers.split(",")));
        return new KafkaClients(properties);
    }

    public Map<String, Object> producerConfig(Map<String, ?> overrides) {
        return merge(properties::buildProducerProperties, overrides);
    }

    public Map<String, Object> consumerConfig(Map<String, ?> overrides) {
        Map<String, Object> config = merge(properties::buildConsumerProperties, overrides);
        if (staticMember != null && config.get(ConsumerConfig.GROUP_ID_CONFIG) != null) {
            config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticMember);
        }
        return config;
    }

    public Map<String, Object> adminConfig(Map<String, ?> overrides) {
        return merge(properties::buildAdminProperties, overrides);
    }

    /** Streams makes each thread's {@code group.instance.id} unique by appending the thread's index. */
    public Map<String, Object> streamsConfig(Map<String, ?> overrides) {
        Map<String, Object> config = merge(properties::buildStreamsProperties, overrides);
        if (staticMember != null) {
            config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticMember);
        }
        return config;
    }

    public <K, V> KafkaProducer<K, V> producer(Map<String, ?> overrides, Serializer<K> keySerializer,
                                               Serializer<V> valueSerializer) {
        return new KafkaProducer<>(producerConfig(overrides), keySerializer, valueSerializer);
    }

    public <K, V> KafkaConsumer<K, V> consumer(Map<String, ?> overrides, Deserializer<K> keyDeserializer,
                                               Deserializer<V> valueDeserializer) {
        return new KafkaConsumer<>(consumerConfig(overrides), keyDeserializer, valueDeserializer);
    }

    public Admin admin(Map<String, ?> overrides) {
        return Admin.create(adminConfig(overrides));
    }

    /**
     * A transactional id that stays the same for the life of this process and differs from every other instance's,
     * so that a re-created producer fences its own predecessor but no other instance. It starts with
     * {@code spring.kafka.producer.transaction-id-prefix} when that is set (clusters with ACLs grant transactional
     * ids by prefix), else with {@code defaultPrefix}.
     */
    public String transactionalId(String defaultPrefix) {
        String prefix = properties.getProducer().getTransactionIdPrefix();
        return (StringUtils.hasText(prefix) ? prefix : defaultPrefix) + "-" + instanceId;
    }

    private static Map<String, Object> merge(Supplier<Map<String, Object>> shared, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>(shared.get());
        config.putAll(overrides);
        return config;
    }
}
