package io.reviewstream.flowservice.console.stats;

import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.consensus.Consensus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per worker, over the window: tasks answered, the mean time from claim to answer, and how far their answers agree
 * with the consolidated answer of their loops (loops with two answers or more, consolidated as result-writer does in
 * {@code output.json}). A worker's agreement with one loop is the mean over the consolidated fields of 1 for the same
 * value, 0 for another, and for numbers {@code 1 - |a - c| / max(|a|, |c|)}.
 */
public final class WorkforceStats {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final char SEP = '\u001f';

    private final WindowedCounters counters;

    public WorkforceStats(StatsProperties properties) {
        this.counters = new WindowedCounters(60_000, properties.minuteBuckets(), properties.maxWorkers() * 4);
    }

    public void add(LoopAnswers ended, long nowMillis) {
        List<HumanAnswer> answers = ended.getAnswers();
        List<JsonNode> contents = answers.stream().map(a -> parse(a.getAnswerContent())).toList();
        JsonNode consolidated = answers.size() > 1 && contents.stream().allMatch(JsonNode::isObject)
                ? Consensus.of(contents).consolidated() : null;
        for (int i = 0; i < answers.size(); i++) {
            HumanAnswer answer = answers.get(i);
            long at = answer.getSubmissionTime().toEpochMilli();
            String worker = answer.getWorkerId();
            counters.add(worker + SEP + "answered", at, 1, nowMillis);
            counters.add(worker + SEP + "seconds", at, answer.getTimeSpentInSeconds(), nowMillis);
            if (consolidated != null && !consolidated.isEmpty()) {
                counters.add(worker + SEP + "agreement", at, agreement(contents.get(i), consolidated), nowMillis);
                counters.add(worker + SEP + "compared", at, 1, nowMillis);
            }
        }
    }

    static double agreement(JsonNode answer, JsonNode consolidated) {
        double sum = 0;
        int fields = 0;
        for (String name : consolidated.propertyNames()) {
            JsonNode expected = consolidated.get(name);
            JsonNode given = answer.get(name);
            fields++;
            if (given == null) {
                continue;
            }
            if (expected.isNumber() && given.isNumber()) {
                double a = given.asDouble();
                double c = expected.asDouble();
                double scale = Math.max(Math.abs(a), Math.abs(c));
                sum += scale == 0 ? 1 : Math.max(0, 1 - Math.abs(a - c) / scale);
            } else if (expected.equals(given)) {
                sum += 1;
            }
        }
        return fields == 0 ? 1 : sum / fields;
    }

    public ObjectNode snapshot(long nowMillis) {
        counters.prune(nowMillis);
        record Row(String worker, long answered, double meanSeconds, Double agreement) {
        }
        List<Row> rows = new ArrayList<>();
        for (String key : counters.keys("")) {
            if (!key.endsWith(SEP + "answered")) {
                continue;
            }
            String worker = key.substring(0, key.length() - "answered".length() - 1);
            double answered = counters.total(key, nowMillis);
            if (answered == 0) {
                continue;
            }
            double compared = counters.total(worker + SEP + "compared", nowMillis);
            rows.add(new Row(worker, (long) answered, counters.total(worker + SEP + "seconds", nowMillis) / answered,
                    compared == 0 ? null : counters.total(worker + SEP + "agreement", nowMillis) / compared));
        }
        rows.sort(Comparator.comparingLong(Row::answered).reversed().thenComparing(Row::worker));
        ObjectNode node = JSON.createObjectNode();
        ArrayNode workers = node.putArray("workers");
        rows.forEach(row -> {
            ObjectNode entry = workers.addObject().put("workerId", row.worker()).put("answered", row.answered())
                    .put("meanSecondsToAnswer", Math.round(row.meanSeconds() * 10) / 10.0);
            if (row.agreement() != null) {
                entry.put("agreement", Math.round(row.agreement() * 1000) / 1000.0);
            } else {
                entry.putNull("agreement");
            }
        });
        node.put("dropped", counters.dropped());
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            return JSON.getNodeFactory().missingNode();
        }
    }
}
