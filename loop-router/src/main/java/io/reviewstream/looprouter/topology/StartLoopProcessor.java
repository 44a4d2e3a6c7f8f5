package io.reviewstream.looprouter.topology;

import io.reviewstream.schemas.avro.LoopStarted;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a prediction's loop candidate into a loop if its name is new. The name's partition is the only place
 * this is decided, and the claim is committed in the same transaction as the started loop, so neither a replayed
 * prediction nor a racing StartHumanLoop can start a name twice.
 */
final class StartLoopProcessor implements Processor<String, LoopStarted, String, LoopStarted> {

    private static final Logger log = LoggerFactory.getLogger(StartLoopProcessor.class);

    private final RouterMetrics metrics;
    private final EvaluatedTrees trees = new EvaluatedTrees();
    private ProcessorContext<String, LoopStarted> context;
    private LoopNameClaims claims;

    StartLoopProcessor(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, LoopStarted> context) {
        this.context = context;
        this.claims = new LoopNameClaims(context.getStateStore(LoopRouterTopology.LOOP_NAMES_STORE));
    }

    @Override
    public void process(Record<String, LoopStarted> record) {
        LoopStarted loop = record.value();
        LoopNameClaims.Claim claim = claims.claim(loop.getHumanLoopName(), loop.getFlowDefinition().getName(),
                loop.getInputContent());
        if (claim != LoopNameClaims.Claim.NEW) {
            log.info("Loop {} exists already ({}); not starting it again", loop.getHumanLoopName(), claim);
            return;
        }
        context.forward(record.withValue(withTree(loop)));
        metrics.loopStarted(loop.getFlowDefinition().getName(), loop.getSource());
    }

    /** The loop with its evaluated tree, which a candidate of this version leaves out; an older one carries it. */
    private LoopStarted withTree(LoopStarted loop) {
        if (loop.getActivationConditionsEvaluationResults() != null || loop.getNodeResults().isEmpty()) {
            return loop;
        }
        loop.setActivationConditionsEvaluationResults(
                trees.of(loop.getFlowDefinition().getActivationConditions(), loop.getNodeResults()));
        return loop;
    }
}
