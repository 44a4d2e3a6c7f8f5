package io.reviewstream.looprouter.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.looprouter.domain.LoopNames;
import io.reviewstream.schemas.avro.LoopStarted;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of each loop name: a loop starts only if its name is new. The name's partition is the only
 * place this is decided, and the claim is committed in the same transaction as the started loop, so neither a
 * replayed prediction nor two racing requests can start a name twice.
 */
final class StartLoopProcessor implements Processor<String, LoopStarted, String, LoopStarted> {

    private static final Logger log = LoggerFactory.getLogger(StartLoopProcessor.class);

    private final MeterRegistry meters;
    private ProcessorContext<String, LoopStarted> context;
    private KeyValueStore<String, String> loopNames;

    StartLoopProcessor(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, LoopStarted> context) {
        this.context = context;
        this.loopNames = context.getStateStore(LoopRouterTopology.LOOP_NAMES_STORE);
    }

    @Override
    public void process(Record<String, LoopStarted> record) {
        LoopStarted loop = record.value();
        String inputHash = LoopNames.sha256Hex(loop.getInputContent());
        String claimed = loopNames.get(loop.getHumanLoopName());
        if (claimed != null) {
            log.info("Loop {} exists already (same input: {}); not starting it again", loop.getHumanLoopName(),
                    claimed.equals(inputHash));
            return;
        }
        loopNames.put(loop.getHumanLoopName(), inputHash);
        context.forward(record);
        Counter.builder("reviewstream.loops.started")
                .tag("flow", loop.getFlowDefinition().getName())
                .tag("source", loop.getSource().name().toLowerCase(java.util.Locale.ROOT))
                .register(meters).increment();
    }
}
