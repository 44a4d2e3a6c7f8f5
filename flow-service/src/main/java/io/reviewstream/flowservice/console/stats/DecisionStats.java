package io.reviewstream.flowservice.console.stats;

import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.LoopSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Predictions per flow over time, how many went to a human and why, and how many were accepted without one. Why:
 * {@code ActivationConditions} (a condition held), {@code RandomSampling} (only the sampling draw sent it),
 * {@code NoConditions} (a flow without conditions reviews everything) or {@code StartHumanLoop} (a client started the
 * loop itself).
 */
public final class DecisionStats {

    static final List<String> REASONS = List.of("ActivationConditions", "RandomSampling", "NoConditions",
            "StartHumanLoop");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final char SEP = '\u001f';

    private final WindowedCounters counters;

    public DecisionStats(StatsProperties properties) {
        this.counters = new WindowedCounters(properties.decisionBucket().toMillis(), properties.decisionBuckets(),
                properties.maxFlows() * (3 + REASONS.size()));
    }

    public void add(Decision decision, long timeMillis, long nowMillis) {
        String flow = decision.getFlowDefinitionName();
        counters.add(flow + SEP + "predictions", timeMillis, 1, nowMillis);
        if (decision.getOutcome() == DecisionOutcome.AUTO_ACCEPTED) {
            counters.add(flow + SEP + "autoAccepted", timeMillis, 1, nowMillis);
        } else if (decision.getOutcome() == DecisionOutcome.HUMAN_REVIEW) {
            counters.add(flow + SEP + "reviewed", timeMillis, 1, nowMillis);
            counters.add(flow + SEP + "reason" + SEP + reason(decision), timeMillis, 1, nowMillis);
        }
    }

    static String reason(Decision decision) {
        if (decision.getSource() == LoopSource.START_HUMAN_LOOP && decision.getNodeResults().isEmpty()) {
            return "StartHumanLoop";
        }
        if (decision.getSampled()) {
            return "RandomSampling";
        }
        return decision.getNodeResults().isEmpty() ? "NoConditions" : "ActivationConditions";
    }

    public ObjectNode snapshot(long nowMillis) {
        counters.prune(nowMillis);
        double seconds = counters.bucketMillis() / 1000.0;
        ObjectNode node = JSON.createObjectNode().put("bucketSeconds", seconds);
        ArrayNode starts = node.putArray("bucketStarts");
        counters.bucketStarts(nowMillis).forEach(start -> starts.add(start / 1000));
        ArrayNode flows = node.putArray("flows");
        for (String key : counters.keys("")) {
            if (!key.endsWith(SEP + "predictions")) {
                continue;
            }
            String flow = key.substring(0, key.length() - "predictions".length() - 1);
            ObjectNode entry = flows.addObject().put("flowDefinitionName", flow);
            ArrayNode rate = entry.putArray("predictionsPerSecond");
            for (double count : counters.series(key, nowMillis)) {
                rate.add(Math.round(count / seconds * 1000) / 1000.0);
            }
            entry.put("predictions", (long) counters.total(key, nowMillis));
            entry.put("autoAccepted", (long) counters.total(flow + SEP + "autoAccepted", nowMillis));
            entry.put("reviewed", (long) counters.total(flow + SEP + "reviewed", nowMillis));
            ObjectNode reasons = entry.putObject("reviewedBy");
            REASONS.forEach(reason -> reasons.put(reason,
                    (long) counters.total(flow + SEP + "reason" + SEP + reason, nowMillis)));
        }
        node.put("dropped", counters.dropped());
        return node;
    }
}
