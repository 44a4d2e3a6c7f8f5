package io.reviewstream.looprouter.topology;

import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCommandType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** DeleteHumanLoop frees the loop's name: a later StartHumanLoop or prediction may use it again. */
final class LoopCommandProcessor implements Processor<String, LoopCommand, Void, Void> {

    private LoopNameClaims claims;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.claims = new LoopNameClaims(context.getStateStore(LoopRouterTopology.LOOP_NAMES_STORE));
    }

    @Override
    public void process(Record<String, LoopCommand> record) {
        if (record.value() != null && record.value().getType() == LoopCommandType.DELETE) {
            claims.release(record.value().getHumanLoopName());
        }
    }
}
