package io.reviewstream.examples.tabular;

import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.ObjectLocation;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Card transactions scored by a fraud model: the score, the decision it implies, the feature values it saw and the
 * features that pushed the score most (as SHAP-style contributions). An analyst looks at uncertain scores, at
 * large payments the model would let through, and at transactions whose features came incomplete.
 */
public final class TabularDecisionsKit implements Kit {

    static final double BLOCK_THRESHOLD = 0.9;
    private static final List<String> MERCHANTS = List.of("grocery", "electronics", "travel", "restaurants",
            "fuel", "jewelry", "online-gaming", "pharmacy");
    private static final List<String> HOME_COUNTRIES = List.of("US", "DE", "FR", "GB", "NL");
    private static final List<String> FAR_COUNTRIES = List.of("BR", "TH", "NG", "RU", "VN");

    private enum Scenario {
        ORDINARY, CLEAR_FRAUD, UNCERTAIN, LARGE_APPROVAL, INCOMPLETE
    }

    @Override
    public String name() {
        return "tabular-decisions";
    }

    @Override
    public String flowDefinitionName() {
        return "fraud-review";
    }

    @Override
    public Batch generate(KitRandom random, int count, ObjectLocation objects) {
        List<GeneratedPrediction> predictions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double draw = random.raw().nextDouble();
            Scenario scenario = draw < 0.45 ? Scenario.ORDINARY : draw < 0.6 ? Scenario.CLEAR_FRAUD
                    : draw < 0.8 ? Scenario.UNCERTAIN : draw < 0.9 ? Scenario.LARGE_APPROVAL : Scenario.INCOMPLETE;
            String id = random.id("txn");
            boolean suspicious = scenario == Scenario.CLEAR_FRAUD || scenario == Scenario.UNCERTAIN;
            Map<String, Object> features = new LinkedHashMap<>();
            features.put("amount", scenario == Scenario.LARGE_APPROVAL ? random.between(5000.0, 18000.0, 2)
                    : suspicious ? random.between(300.0, 4800.0, 2) : random.between(4.0, 900.0, 2));
            features.put("currency", "USD");
            features.put("merchantCategory", suspicious ? random.pick("electronics", "jewelry", "online-gaming")
                    : random.pick(MERCHANTS));
            features.put("merchantCountry", suspicious && random.chance(0.7) ? random.pick(FAR_COUNTRIES)
                    : random.pick(HOME_COUNTRIES));
            features.put("cardPresent", !suspicious && random.chance(0.6));
            features.put("hourOfDay", suspicious ? random.between(0, 5) : random.between(7, 22));
            features.put("distanceFromHomeKm", suspicious ? random.between(800, 9500) : random.between(0, 60));
            features.put("transactionsLast24h", suspicious ? random.between(6, 25) : random.between(0, 5));
            // the account service times out now and then, and the feature arrives empty
            features.put("accountAgeDays", scenario == Scenario.INCOMPLETE ? null : random.between(30, 4000));

            double score = switch (scenario) {
                case ORDINARY, LARGE_APPROVAL, INCOMPLETE -> random.between(0.01, 0.3, 4);
                case CLEAR_FRAUD -> random.between(0.93, 0.999, 4);
                case UNCERTAIN -> random.between(0.52, 0.88, 4);
            };
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.put("transactionId", id);
            input.put("model", "card-fraud-gbm-2026-10");
            input.put("score", score);
            input.put("threshold", BLOCK_THRESHOLD);
            input.put("decision", score >= BLOCK_THRESHOLD ? "block" : "approve");
            ObjectNode values = input.putObject("features");
            features.forEach((name, value) -> {
                if (value == null) {
                    values.putNull(name);
                } else if (value instanceof Double number) {
                    values.put(name, number);
                } else if (value instanceof Integer number) {
                    values.put(name, number);
                } else if (value instanceof Boolean flag) {
                    values.put(name, flag);
                } else {
                    values.put(name, value.toString());
                }
            });
            input.set("topFactors", topFactors(random, features, score));
            predictions.add(new GeneratedPrediction(id, input, scenario != Scenario.ORDINARY
                    && scenario != Scenario.CLEAR_FRAUD));
        }
        return new Batch(predictions, List.of());
    }

    /** The three features that moved the score most, with their signed contributions. */
    private static ArrayNode topFactors(KitRandom random, Map<String, Object> features, double score) {
        List<String> candidates = new ArrayList<>(List.of("distanceFromHomeKm", "transactionsLast24h", "hourOfDay",
                "merchantCategory", "amount", "cardPresent"));
        List<double[]> weights = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            double magnitude = random.between(0.01, 0.35, 3) * (score > 0.5 ? 1 : -1);
            weights.add(new double[]{i, magnitude});
        }
        weights.sort(Comparator.comparingDouble(w -> -Math.abs(w[1])));
        ArrayNode factors = JsonNodeFactory.instance.arrayNode();
        for (double[] weight : weights.subList(0, 3)) {
            String feature = candidates.get((int) weight[0]);
            factors.addObject().put("feature", feature).put("value", String.valueOf(features.get(feature)))
                    .put("contribution", weight[1]);
        }
        return factors;
    }
}
