package io.reviewstream.schemas.topic;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.util.HashMap;
import java.util.Map;

/**
 * A topic with the serdes of its key and value: the one place where a topic's name and wire format meet,
 * so that producers, consumers and Streams topologies cannot disagree about either.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {

    /**
     * The largest record any Reviewstream topic takes, and so what every producer may send. A loop's input may be
     * 3 MiB of characters (A2I's limit on InputContent), up to about 9 MiB in UTF-8, and a loop's records carry it
     * along with the flow definition and the answers; Kafka's default of about 1 MB would refuse such loops.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde);
    }

    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde);
    }

    public NewTopic newTopic(int partitions, short replicationFactor) {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor);
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES));
        if (compacted) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return topic.configs(configs);
    }
}
