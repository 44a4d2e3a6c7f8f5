package io.reviewstream.looprouter.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every instance's copy of a control-plane topic current (flow definitions, task UIs): each instance needs
 * all of them, whatever partitions of predictions it owns, and an update must apply without a restart. They are
 * kept as the bytes on the topic, which is also what a restart restores: {@link FlowRouting} decodes a flow
 * version once, not on every read.
 */
final class ResourceLoader implements Processor<String, byte[], Void, Void> {

    private final String storeName;
    private KeyValueStore<String, byte[]> resources;

    ResourceLoader(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        resources = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            resources.delete(record.key());
        } else {
            resources.put(record.key(), record.value());
        }
    }
}
