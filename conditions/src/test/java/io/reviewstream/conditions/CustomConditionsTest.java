package io.reviewstream.conditions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomConditionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "confidence {0} with LessThan 0.8 → review {1}")
    @CsvSource({"0.42, true", "0.7999, true", "0.8, false", "0.95, false"})
    void theStrictBoundIsStrict(double confidence, boolean review) throws Exception {
        CompiledConditions conditions = compile(
                "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\",\"ConditionParameters\":"
                        + "{\"Path\":\"$.confidence\",\"ConfidenceLessThan\":0.8}}]}");
        Evaluation evaluation = conditions.evaluate(json("{\"label\":\"cat\",\"confidence\":" + confidence + "}"), "p");
        assertThat(evaluation.humanReviewNeeded()).isEqualTo(review);
        assertThat(JSON.readTree(evaluation.evaluatedTreeJson()).at("/Conditions/0/EvaluationResult").asBoolean())
                .isEqualTo(review);
    }

    @ParameterizedTest(name = "{0} over [0.9, 0.5] with LessThanEquals 0.5 → {1}")
    @CsvSource({"any, true", "all, false", "min, true", "max, false"})
    void aggregatesCombineEveryMatchedValue(String aggregate, boolean review) throws Exception {
        CompiledConditions conditions = compile("{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\","
                + "\"ConditionParameters\":{\"Path\":\"$.detections[*].score\",\"Aggregate\":\"" + aggregate
                + "\",\"ConfidenceLessThanEquals\":0.5}}]}");
        assertThat(conditions.evaluate(json("{\"detections\":[{\"score\":0.9},{\"score\":0.5}]}"), "p")
                .humanReviewNeeded()).isEqualTo(review);
    }

    @Test
    void labelAndMissingFieldChecksComposeWithAndOr() throws Exception {
        CompiledConditions conditions = compile("""
                {"Conditions":[{"Or":[
                  {"And":[
                    {"ConditionType":"LabelCheck","ConditionParameters":{"Path":"$.label","Labels":["fraud","risky"]}},
                    {"ConditionType":"ConfidenceCheck","ConditionParameters":{"Path":"$.score","ConfidenceGreaterThanEquals":0.3}}]},
                  {"ConditionType":"MissingField","ConditionParameters":{"Path":"$.customerId"}}]}]}""");
        assertThat(conditions.evaluate(json("{\"label\":\"fraud\",\"score\":0.3,\"customerId\":\"c\"}"), "p")
                .humanReviewNeeded()).isTrue();
        assertThat(conditions.evaluate(json("{\"label\":\"ok\",\"score\":0.9,\"customerId\":\"c\"}"), "p")
                .humanReviewNeeded()).isFalse();
        Evaluation missing = conditions.evaluate(json("{\"label\":\"ok\",\"score\":0.9,\"customerId\":\"\"}"), "p");
        assertThat(missing.humanReviewNeeded()).isTrue();
        JsonNode tree = JSON.readTree(missing.evaluatedTreeJson());
        assertThat(tree.at("/Conditions/0/EvaluationResult").asBoolean()).isTrue();
        assertThat(tree.at("/Conditions/0/Or/0/EvaluationResult").asBoolean()).isFalse();
        assertThat(tree.at("/Conditions/0/Or/0/And/0/EvaluationResult").asBoolean()).isFalse();
        assertThat(tree.at("/Conditions/0/Or/1/ConditionParameters/Path").asString()).isEqualTo("$.customerId");
        assertThat(tree.at("/Conditions/0/Or/1/EvaluationResult").asBoolean()).isTrue();
    }

    @Test
    void sharedEvaluatedTreesAlwaysMatchTheirOwnResults() throws Exception {
        CompiledConditions conditions = compile("""
                {"Conditions":[{"Or":[
                  {"And":[
                    {"ConditionType":"LabelCheck","ConditionParameters":{"Path":"$.label","Labels":["fraud"]}},
                    {"ConditionType":"ConfidenceCheck","ConditionParameters":{"Path":"$.score","ConfidenceLessThan":0.5}}]},
                  {"ConditionType":"MissingField","ConditionParameters":{"Path":"$.id"}}]}]}""");
        for (int i = 0; i < 64; i++) {
            boolean fraud = (i & 1) != 0;
            boolean low = (i & 2) != 0;
            boolean missing = (i & 4) != 0;
            JsonNode tree = JSON.readTree(conditions.evaluate(json("{\"label\":\"" + (fraud ? "fraud" : "ok")
                    + "\",\"score\":" + (low ? 0.1 : 0.9) + (missing ? "" : ",\"id\":\"x\"") + "}"), "p")
                    .evaluatedTreeJson());
            assertThat(tree.at("/Conditions/0/Or/0/And/0/EvaluationResult").asBoolean()).isEqualTo(fraud);
            assertThat(tree.at("/Conditions/0/Or/0/And/1/EvaluationResult").asBoolean()).isEqualTo(low);
            assertThat(tree.at("/Conditions/0/Or/0/EvaluationResult").asBoolean()).isEqualTo(fraud && low);
            assertThat(tree.at("/Conditions/0/Or/1/EvaluationResult").asBoolean()).isEqualTo(missing);
            assertThat(tree.at("/Conditions/0/EvaluationResult").asBoolean()).isEqualTo(fraud && low || missing);
        }
    }

    @Test
    void nodeResultsListTheTreeInDocumentOrderAndRebuildIt() throws Exception {
        String document = """
                {"Conditions":[{"Or":[
                  {"And":[
                    {"ConditionType":"LabelCheck","ConditionParameters":{"Path":"$.label","Labels":["fraud"]}},
                    {"ConditionType":"ConfidenceCheck","ConditionParameters":{"Path":"$.score","ConfidenceLessThan":0.5}}]},
                  {"ConditionType":"MissingField","ConditionParameters":{"Path":"$.id"}}]},
                  {"ConditionType":"LabelCheck","ConditionParameters":{"Path":"$.label","Labels":["ok"]}}]}""";
        CompiledConditions conditions = compile(document);
        for (int i = 0; i < 8; i++) {
            boolean fraud = (i & 1) != 0;
            boolean low = (i & 2) != 0;
            boolean missing = (i & 4) != 0;
            Evaluation evaluation = conditions.evaluate(json("{\"label\":\"" + (fraud ? "fraud" : "ok")
                    + "\",\"score\":" + (low ? 0.1 : 0.9) + (missing ? "" : ",\"id\":\"x\"") + "}"), "p");
            assertThat(evaluation.nodeResults())
                    .containsExactly(fraud && low || missing, fraud && low, fraud, low, missing, !fraud);
            assertThat(ActivationConditions.evaluatedTree(document, evaluation.nodeResults()))
                    .isEqualTo(evaluation.evaluatedTreeJson());
        }
    }

    @Test
    void theDocumentedClassifierExampleHasTheDocumentedNodeResults() throws Exception {
        CompiledConditions conditions = compile("""
                {"Conditions":[
                  {"And":[
                    {"ConditionType":"LabelCheck","ConditionParameters":{"Path":"$.label","Labels":["cat","dog"]}},
                    {"ConditionType":"ConfidenceCheck","ConditionParameters":{"Path":"$.confidence","ConfidenceLessThan":0.8}}]},
                  {"ConditionType":"LabelCheck","ConditionParameters":{"Path":"$.label","Labels":["unknown"]}},
                  {"ConditionType":"Sampling","ConditionParameters":{"RandomSamplingPercentage":1}}]}""");
        Evaluation evaluation = IntStream.range(0, 100).mapToObj(i -> conditions.evaluate(
                        json("{\"label\":\"cat\",\"confidence\":0.42}"), "p-" + i))
                .filter(e -> !e.nodeResults().get(4)).findFirst().orElseThrow();
        assertThat(evaluation.nodeResults()).containsExactly(true, true, true, false, false);
    }

    @Test
    void nodeResultsOfATreeTooWideToShareRebuildItToo() throws Exception {
        // eight top-level conditions are more than a shared form combines, so this tree is built per evaluation
        String document = IntStream.range(0, 8).mapToObj(i -> "{\"ConditionType\":\"MissingField\","
                        + "\"ConditionParameters\":{\"Path\":\"$.f" + i + "\"}}")
                .collect(Collectors.joining(",", "{\"Conditions\":[", "]}"));
        Evaluation evaluation = compile(document).evaluate(json("{\"f1\":1,\"f2\":2,\"f5\":5}"), "p");
        assertThat(evaluation.nodeResults()).containsExactly(true, false, false, true, true, false, true, true);
        assertThat(ActivationConditions.evaluatedTree(document, evaluation.nodeResults()))
                .isEqualTo(evaluation.evaluatedTreeJson());
    }

    @Test
    void nodeResultsThatDoNotFitTheDocumentAreRefused() {
        String document = "{\"Conditions\":[{\"ConditionType\":\"MissingField\","
                + "\"ConditionParameters\":{\"Path\":\"$.id\"}}]}";
        assertThatThrownBy(() -> ActivationConditions.evaluatedTree(document, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer");
        assertThatThrownBy(() -> ActivationConditions.evaluatedTree(document, List.of(true, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more");
    }

    @Test
    void samplingIsDeterministicPerKeyAndNearItsPercentage() throws Exception {
        CompiledConditions conditions = compile("{\"Conditions\":[{\"ConditionType\":\"Sampling\","
                + "\"ConditionParameters\":{\"RandomSamplingPercentage\":10}}]}");
        JsonNode input = json("{}");
        long sampled = IntStream.range(0, 20_000)
                .filter(i -> conditions.evaluate(input, "prediction-" + i).humanReviewNeeded()).count();
        assertThat(sampled).isBetween(1_800L, 2_200L);
        for (int i = 0; i < 100; i++) {
            boolean first = conditions.evaluate(input, "key-" + i).humanReviewNeeded();
            assertThat(compile("{\"Conditions\":[{\"ConditionType\":\"Sampling\",\"ConditionParameters\":"
                    + "{\"RandomSamplingPercentage\":10}}]}").evaluate(input, "key-" + i).humanReviewNeeded())
                    .isEqualTo(first);
        }
        Evaluation evaluation = IntStream.range(0, 1000).mapToObj(i -> conditions.evaluate(input, "k" + i))
                .filter(Evaluation::humanReviewNeeded).findFirst().orElseThrow();
        assertThat(evaluation.sampledOnly()).isTrue();
    }

    @Test
    void aFlowWithoutConditionsReviewsEverything() throws Exception {
        Evaluation evaluation = ActivationConditions.compile(null, null).evaluate(json("{}"), "p");
        assertThat(evaluation.humanReviewNeeded()).isTrue();
        assertThat(evaluation.evaluatedTreeJson()).isNull();
        assertThat(evaluation.nodeResults()).isEmpty();
    }

    @Test
    void aNonNumberWhereANumberIsNeededIsNotApplicable() throws Exception {
        CompiledConditions conditions = compile("{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\","
                + "\"ConditionParameters\":{\"Path\":\"$.confidence\",\"ConfidenceLessThan\":0.8}}]}");
        assertThatThrownBy(() -> conditions.evaluate(json("{\"confidence\":\"high\"}"), "p"))
                .isInstanceOf(ConditionNotApplicableException.class).hasMessageContaining("non-number");
        assertThatThrownBy(() -> conditions.evaluate(json("[1]"), "p"))
                .isInstanceOf(ConditionNotApplicableException.class);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"Conditions\":[]} | $.Conditions",
            "{\"Conditions\":[{\"ConditionType\":\"Nope\",\"ConditionParameters\":{}}]} | $.Conditions[0].ConditionType",
            "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\",\"ConditionParameters\":{\"Path\":\"$.c\"}}]} | $.Conditions[0].ConditionParameters",
            "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\",\"ConditionParameters\":{\"Path\":\"c\",\"ConfidenceLessThan\":1}}]} | $.Conditions[0].ConditionParameters.Path",
            "{\"Conditions\":[{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":0}}]} | $.Conditions[0].ConditionParameters.RandomSamplingPercentage",
            "{\"Conditions\":[{\"And\":[{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":1}}]}]} | $.Conditions[0].And",
            "{\"Conditions\":[{\"Or\":[{\"And\":[{\"Or\":[{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":1}},{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":1}}]},{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":1}}]},{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":1}}]}]} | $.Conditions[0].Or[0].And[0]",
            "{\"Conditions\":[{\"ConditionType\":\"LabelCheck\",\"ConditionParameters\":{\"Path\":\"$.l\",\"Labels\":[]}}]} | $.Conditions[0].ConditionParameters.Labels",
            "{\"Conditions\":[{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":5},\"Extra\":1}]} | $.Conditions[0].Extra",
            "not json | $"})
    void invalidDocumentsSayWhere(String document, String where) {
        assertThatThrownBy(() -> compile(document)).isInstanceOf(InvalidConditionsException.class)
                .satisfies(e -> assertThat(((InvalidConditionsException) e).path()).isEqualTo(where));
    }

    private static CompiledConditions compile(String document) throws InvalidConditionsException {
        return ActivationConditions.compile(document, null);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
