package io.reviewstream.conditions;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;

import static io.reviewstream.conditions.BuiltInConditionsTest.REKOGNITION;
import static io.reviewstream.conditions.BuiltInConditionsTest.TEXTRACT;
import static io.reviewstream.conditions.ServiceResponses.label;
import static io.reviewstream.conditions.ServiceResponses.pair;
import static io.reviewstream.conditions.BuiltInConditionsTest.rekognition;
import static io.reviewstream.conditions.BuiltInConditionsTest.textract;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-style checks of the boundaries: thousands of generated documents and inputs, each decided by the engine
 * and by a plain reference model of the documented rules. Values and thresholds are drawn from one coarse grid so
 * that a value equal to its threshold — where strict and inclusive bounds differ — comes up often. The seeds are
 * fixed, so a failure names a case that can be replayed.
 */
class ConditionPropertiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] BOUNDS = {"ConfidenceLessThan", "ConfidenceLessThanEquals", "ConfidenceGreaterThan",
            "ConfidenceGreaterThanEquals", "ConfidenceEquals"};

    /** A bound as the documentation defines it: strict for LessThan and GreaterThan, inclusive for the others. */
    private static DoublePredicate bound(String name, double threshold) {
        return switch (name) {
            case "ConfidenceLessThan" -> v -> v < threshold;
            case "ConfidenceLessThanEquals" -> v -> v <= threshold;
            case "ConfidenceGreaterThan" -> v -> v > threshold;
            case "ConfidenceGreaterThanEquals" -> v -> v >= threshold;
            case "ConfidenceEquals" -> v -> v == threshold;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void aCustomConfidenceCheckAgreesWithItsDefinitionForEveryAggregateAndBound() throws Exception {
        Random random = new Random(4711);
        String[] aggregates = {"any", "all", "min", "max"};
        for (int round = 0; round < 3000; round++) {
            String aggregate = aggregates[random.nextInt(aggregates.length)];
            StringBuilder parameters = new StringBuilder("{\"Path\":\"$.scores[*]\",\"Aggregate\":\"" + aggregate + "\"");
            DoublePredicate all = v -> true;
            List<String> chosen = new ArrayList<>();
            for (String name : BOUNDS) {
                if (random.nextInt(3) == 0 || (chosen.isEmpty() && name.equals(BOUNDS[BOUNDS.length - 1]))) {
                    double threshold = random.nextInt(21) / 20.0;
                    parameters.append(",\"").append(name).append("\":").append(threshold);
                    all = all.and(bound(name, threshold));
                    chosen.add(name + " " + threshold);
                }
            }
            parameters.append('}');
            List<Double> scores = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                scores.add(random.nextInt(21) / 20.0);
            }
            DoublePredicate holds = all;
            boolean expected = switch (aggregate) {
                case "any" -> scores.stream().anyMatch(holds::test);
                case "all" -> scores.stream().allMatch(holds::test);
                case "min" -> holds.test(scores.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
                default -> holds.test(scores.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            };
            String document = "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\",\"ConditionParameters\":"
                    + parameters + "}]}";
            JsonNode input = JSON.readTree("{\"scores\":" + scores + "}");
            assertThat(ActivationConditions.compile(document, null).evaluate(input, "p").humanReviewNeeded())
                    .as("%s over %s with %s", aggregate, scores, chosen).isEqualTo(expected);
        }
    }

    @Test
    void aModerationCheckMatchesByExactNameOrWildcardAndAnyOneLabelSatisfyingItsBound() throws Exception {
        Random random = new Random(1234);
        String[] names = {"Drugs", "Weapons", "Violence", "drugs"};
        for (int round = 0; round < 3000; round++) {
            String wanted = random.nextInt(3) == 0 ? "*" : names[random.nextInt(names.length)];
            String boundName = BOUNDS[random.nextInt(BOUNDS.length)];
            double threshold = random.nextInt(21) * 5.0;
            List<String> labels = new ArrayList<>();
            boolean expected = false;
            for (int i = 0, n = random.nextInt(4); i < n; i++) {
                String name = names[random.nextInt(names.length)];
                double confidence = random.nextInt(21) * 5.0;
                labels.add(label(name, confidence));
                expected |= (wanted.equals("*") || wanted.equals(name)) && bound(boundName, threshold).test(confidence);
            }
            String document = "{\"Conditions\":[{\"ConditionType\":\"ModerationLabelConfidenceCheck\","
                    + "\"ConditionParameters\":{\"ModerationLabelName\":\"" + wanted + "\",\"" + boundName + "\":"
                    + threshold + "}}]}";
            assertThat(ActivationConditions.compile(document, REKOGNITION)
                    .evaluate(rekognition(labels.toArray(String[]::new)), "p").humanReviewNeeded())
                    .as("%s %s %s over %s", wanted, boundName, threshold, labels).isEqualTo(expected);
        }
    }

    @Test
    void aFormKeyIsMissingExactlyWhenNoSpellingOfItOrItsAliasesIsOnTheForm() throws Exception {
        Random random = new Random(99);
        // spellings of "Total Due" / alias "Amount Due" as forms print them, and keys that are something else
        String[] present = {"Total Due", "TOTAL DUE", "total due:", "Amount Due", "amount due:"};
        String[] other = {"Subtotal", "Due Date", "Total", "Amount Paid", "Invoice Number"};
        String document = "{\"Conditions\":[{\"ConditionType\":\"MissingImportantFormKey\",\"ConditionParameters\":"
                + "{\"ImportantFormKey\":\"Total Due\",\"ImportantFormKeyAliases\":[\"Amount Due\"]}}]}";
        for (int round = 0; round < 1000; round++) {
            List<String> keys = new ArrayList<>();
            boolean missing = true;
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                boolean spelled = random.nextInt(4) == 0;
                keys.add(spelled ? present[random.nextInt(present.length)] : other[random.nextInt(other.length)]);
                missing &= !spelled;
            }
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                pairs.add(pair("k" + i, keys.get(i), 99, 99, "v", 99));
            }
            assertThat(ActivationConditions.compile(document, TEXTRACT)
                    .evaluate(textract(pairs.toArray(String[]::new)), "p").humanReviewNeeded())
                    .as("keys %s", keys.stream().collect(Collectors.joining(" | "))).isEqualTo(missing);
        }
    }
}
