package io.reviewstream.looprouter.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every instance's copy of the flow definitions current: each instance needs all of them, whatever
 * partitions of predictions it owns, and an update must apply without a restart. They are kept as the bytes on the
 * topic, which is also what a restart restores: {@link FlowRouting} decodes a version once, not on every read.
 */
final class FlowDefinitionLoader implements Processor<String, byte[], Void, Void> {

    private KeyValueStore<String, byte[]> flows;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        flows = context.getStateStore(LoopRouterTopology.FLOW_DEFINITIONS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            flows.delete(record.key());
        } else {
            flows.put(record.key(), record.value());
        }
    }
}
