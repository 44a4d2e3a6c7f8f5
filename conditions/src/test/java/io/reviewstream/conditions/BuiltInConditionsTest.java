package io.reviewstream.conditions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.reviewstream.conditions.ServiceResponses.label;
import static io.reviewstream.conditions.ServiceResponses.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A2I's condition types over the inputs the built-in task types produce, with a2i-compat §3.4's examples. */
class BuiltInConditionsTest {

    static final String REKOGNITION = ServiceResponses.REKOGNITION;
    static final String TEXTRACT = ServiceResponses.TEXTRACT;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Example A: any label in [55, 85), or Weapons above 40. */
    private static final String BAND = """
            {"Conditions":[{"Or":[
              {"And":[
                {"ConditionType":"ModerationLabelConfidenceCheck","ConditionParameters":{"ModerationLabelName":"*","ConfidenceGreaterThanEquals":55}},
                {"ConditionType":"ModerationLabelConfidenceCheck","ConditionParameters":{"ModerationLabelName":"*","ConfidenceLessThan":85}}]},
              {"ConditionType":"ModerationLabelConfidenceCheck","ConditionParameters":{"ModerationLabelName":"Weapons","ConfidenceGreaterThan":40}}]}]}""";

    /** Example C: low-confidence invoice number (or an alias) or a missing total. */
    private static final String INVOICE = """
            {"Conditions":[
              {"ConditionType":"ImportantFormKeyConfidenceCheck","ConditionParameters":{
                 "ImportantFormKey":"Invoice Number","ImportantFormKeyAliases":["Invoice No.","Invoice #"],
                 "KeyValueBlockConfidenceLessThan":75,"WordBlockConfidenceLessThan":90}},
              {"ConditionType":"MissingImportantFormKey","ConditionParameters":{
                 "ImportantFormKey":"Total Due","ImportantFormKeyAliases":["Amount Due","Balance Due"]}}]}""";

    @ParameterizedTest(name = "Violence at {0} → {1}")
    @CsvSource({"54.99, false", "55, true", "70, true", "84.99, true", "85, false", "99, false"})
    void exampleAReviewsTheMiddleBandInclusiveBelowStrictAbove(double confidence, boolean review) throws Exception {
        Evaluation evaluation = ActivationConditions.compile(BAND, REKOGNITION)
                .evaluate(rekognition(label("Violence", confidence)), "p");
        assertThat(evaluation.humanReviewNeeded()).isEqualTo(review);
        JsonNode tree = JSON.readTree(evaluation.evaluatedTreeJson());
        assertThat(tree.at("/Conditions/0/EvaluationResult").asBoolean()).isEqualTo(review);
        assertThat(tree.at("/Conditions/0/Or/0/EvaluationResult").asBoolean()).isEqualTo(review);
        assertThat(tree.at("/Conditions/0/Or/0/And/0/EvaluationResult").asBoolean()).isEqualTo(confidence >= 55);
        assertThat(tree.at("/Conditions/0/Or/1/EvaluationResult").asBoolean()).isFalse();
        assertThat(tree.at("/Conditions/0/Or/1/ConditionParameters/ModerationLabelName").asString())
                .isEqualTo("Weapons");
    }

    @Test
    void labelNamesAreCaseSensitiveAndOnlyMatchingLabelsAreSelected() throws Exception {
        CompiledConditions conditions = ActivationConditions.compile(BAND, REKOGNITION);
        assertThat(conditions.evaluate(rekognition(label("weapons", 90)), "p").humanReviewNeeded()).isFalse();
        Evaluation weapons = conditions.evaluate(rekognition(label("Weapons", 90), label("Drugs", 20)), "p");
        assertThat(weapons.humanReviewNeeded()).isTrue();
        assertThat(weapons.selectedAiServiceResponse().get("moderationLabels")).hasSize(1);
        assertThat(weapons.selectedAiServiceResponse().at("/moderationLabels/0/name").asString()).isEqualTo("Weapons");
        assertThat(weapons.selectedAiServiceResponse().get("moderationModelVersion").asString()).isEqualTo("3.0");
        // The band is about one label: a label above it and another below it are not a label inside it.
        assertThat(conditions.evaluate(rekognition(label("Violence", 90), label("Drugs", 20)), "p")
                .humanReviewNeeded()).isFalse();
    }

    @ParameterizedTest(name = "{0} 70 against a label at 70 → {1}")
    @CsvSource({"ConfidenceLessThan, false", "ConfidenceLessThanEquals, true", "ConfidenceGreaterThan, false",
            "ConfidenceGreaterThanEquals, true", "ConfidenceEquals, true"})
    void everyComparisonHasItsExactBoundary(String parameter, boolean review) throws Exception {
        String document = "{\"Conditions\":[{\"ConditionType\":\"ModerationLabelConfidenceCheck\","
                + "\"ConditionParameters\":{\"ModerationLabelName\":\"Drugs\",\"" + parameter + "\":70}}]}";
        assertThat(ActivationConditions.compile(document, REKOGNITION)
                .evaluate(rekognition(label("Drugs", 70)), "p").humanReviewNeeded()).isEqualTo(review);
    }

    @Test
    void boundsOfOneConditionAreAConjunctionAtEveryBoundary() throws Exception {
        CompiledConditions conditions = ActivationConditions.compile("{\"Conditions\":[{\"ConditionType\":"
                + "\"ModerationLabelConfidenceCheck\",\"ConditionParameters\":{\"ModerationLabelName\":\"*\","
                + "\"ConfidenceGreaterThan\":20,\"ConfidenceLessThanEquals\":60}}]}", REKOGNITION);
        for (int tenths = 0; tenths <= 1000; tenths++) {
            double confidence = tenths / 10.0;
            assertThat(conditions.evaluate(rekognition(label("Any", confidence)), "p").humanReviewNeeded())
                    .as("confidence %s", confidence).isEqualTo(confidence > 20 && confidence <= 60);
        }
    }

    @Test
    void exampleBSamplesAboutOnePointFivePercentAndSendsEveryLabel() throws Exception {
        CompiledConditions conditions = ActivationConditions.compile("""
                {"Conditions":[
                  {"ConditionType":"Sampling","ConditionParameters":{"RandomSamplingPercentage":1.5}},
                  {"ConditionType":"ModerationLabelConfidenceCheck","ConditionParameters":{"ModerationLabelName":"Drugs","ConfidenceLessThanEquals":70}}]}""",
                REKOGNITION);
        JsonNode input = rekognition(label("Drugs", 90), label("Alcohol", 30));
        List<Evaluation> sampled = IntStream.range(0, 10_000)
                .mapToObj(i -> conditions.evaluate(input, "flow|prediction-" + i))
                .filter(Evaluation::humanReviewNeeded).toList();
        assertThat(sampled.size()).isBetween(100, 200);
        assertThat(sampled).allSatisfy(e -> {
            assertThat(e.sampledOnly()).isTrue();
            assertThat(e.selectedAiServiceResponse().get("moderationLabels")).hasSize(2);
        });
        Evaluation drugs = conditions.evaluate(rekognition(label("Drugs", 70)), "flow|prediction-x");
        assertThat(drugs.humanReviewNeeded()).isTrue();
        assertThat(drugs.sampledOnly()).isFalse();
    }

    @Test
    void exampleCFindsTheKeyByAliasAndTestsKeyValueAndWordConfidences() throws Exception {
        CompiledConditions conditions = ActivationConditions.compile(INVOICE, TEXTRACT);
        // "Invoice No.:" is the alias "Invoice No." as printed; the pair at 70 with a word at 85 is low.
        Evaluation low = conditions.evaluate(textract(pair("k1", "Invoice No.:", 70, 99, "INV-1", 85),
                pair("k2", "Total Due", 99, 99, "10.00", 99)), "p");
        assertThat(low.humanReviewNeeded()).isTrue();
        JsonNode blocks = low.selectedAiServiceResponse().get("blocks");
        assertThat(ids(blocks)).containsExactly("k1", "k1-v", "k1-w0", "k1-w1", "k1-vw");
        assertThat(low.selectedAiServiceResponse().at("/documentMetadata/pages").asInt()).isEqualTo(1);

        // Both bounds must hold: a KEY_VALUE_SET at 74.9 with every word at 90 is not low (words not < 90).
        assertThat(conditions.evaluate(textract(pair("k1", "invoice number", 74.9, 99, "INV-1", 90),
                pair("k2", "Amount Due", 99, 99, "1", 99)), "p").humanReviewNeeded()).isFalse();
        assertThat(conditions.evaluate(textract(pair("k1", "Invoice #", 74.9, 99, "INV-1", 89.9),
                pair("k2", "Amount Due", 99, 99, "1", 99)), "p").humanReviewNeeded()).isTrue();
        // The lower of KEY and VALUE block confidences counts.
        assertThat(conditions.evaluate(textract(pair("k1", "Invoice Number", 99, 60, "INV-1", 10),
                pair("k2", "Amount Due", 99, 99, "1", 99)), "p").humanReviewNeeded()).isTrue();
    }

    @Test
    void exampleCMissingKeyIsTrueOnlyWhenNoSpellingIsPresentAndSelectsNoPairs() throws Exception {
        CompiledConditions conditions = ActivationConditions.compile(INVOICE, TEXTRACT);
        Evaluation missing = conditions.evaluate(textract(pair("k1", "Invoice Number", 99, 99, "INV-1", 99),
                pair("k2", "Subtotal", 99, 99, "1", 99)), "p");
        assertThat(missing.humanReviewNeeded()).isTrue();
        assertThat(missing.selectedAiServiceResponse().get("blocks")).isEmpty();
        JsonNode tree = JSON.readTree(missing.evaluatedTreeJson());
        assertThat(tree.at("/Conditions/0/EvaluationResult").asBoolean()).isFalse();
        assertThat(tree.at("/Conditions/1/EvaluationResult").asBoolean()).isTrue();
        assertThat(conditions.evaluate(textract(pair("k1", "Invoice Number", 99, 99, "INV-1", 99),
                pair("k2", "BALANCE  DUE:", 99, 99, "1", 99)), "p").humanReviewNeeded()).isFalse();
    }

    @Test
    void exampleDSamplesTheHighConfidencePairsAndHandsOverOnlyThem() throws Exception {
        CompiledConditions conditions = ActivationConditions.compile("""
                {"Conditions":[{"And":[
                  {"ConditionType":"Sampling","ConditionParameters":{"RandomSamplingPercentage":10}},
                  {"ConditionType":"ImportantFormKeyConfidenceCheck","ConditionParameters":{
                     "ImportantFormKey":"*","KeyValueBlockConfidenceGreaterThanEquals":95,"WordBlockConfidenceGreaterThanEquals":95}}]}]}""",
                TEXTRACT);
        JsonNode input = textract(pair("a", "Name", 95, 99, "Ada", 95), pair("b", "Date", 99, 99, "today", 94.9));
        List<Evaluation> reviewed = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Evaluation evaluation = conditions.evaluate(input, "flow|" + i);
            if (evaluation.humanReviewNeeded()) {
                reviewed.add(evaluation);
            }
        }
        assertThat(reviewed.size()).isBetween(140, 260);
        assertThat(ids(reviewed.get(0).selectedAiServiceResponse().get("blocks")))
                .containsExactly("a", "a-v", "a-w0", "a-vw");
        // The sampling draw is what sent it: without it, high-confidence pairs are not reviewed.
        assertThat(reviewed.get(0).sampledOnly()).isTrue();
    }

    @Test
    void theLoopInputCarriesTheResultsAndTheSelection() throws Exception {
        JsonNode input = rekognition(label("Weapons", 90));
        Evaluation evaluation = ActivationConditions.compile(BAND, REKOGNITION).evaluate(input, "p");
        JsonNode loopInput = evaluation.loopInput(input);
        assertThat(loopInput.get("aiServiceRequest")).isEqualTo(input.get("aiServiceRequest"));
        assertThat(loopInput.get("aiServiceResponse")).isEqualTo(input.get("aiServiceResponse"));
        assertThat(loopInput.at("/humanTaskActivationConditionResults/Conditions/0/EvaluationResult").asBoolean())
                .isTrue();
        assertThat(loopInput.at("/selectedAiServiceResponse/moderationLabels/0/name").asString()).isEqualTo("Weapons");
        assertThat(input.has("selectedAiServiceResponse")).isFalse();
    }

    @Test
    void pascalCaseServiceResponsesAreReadToo() throws Exception {
        JsonNode input = JSON.readTree("{\"aiServiceRequest\":{},\"aiServiceResponse\":{\"ModerationLabels\":"
                + "[{\"Name\":\"Weapons\",\"Confidence\":41}]}}");
        assertThat(ActivationConditions.compile(BAND, REKOGNITION).evaluate(input, "p").humanReviewNeeded()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"aiServiceResponse\":{}}", "{\"aiServiceResponse\":{\"moderationLabels\":[{\"name\":\"x\"}]}}"})
    void inputsWithoutTheServiceResponseAreNotApplicable(String input) throws Exception {
        CompiledConditions conditions = ActivationConditions.compile(BAND, REKOGNITION);
        assertThatThrownBy(() -> conditions.evaluate(JSON.readTree(input), "p"))
                .isInstanceOf(ConditionNotApplicableException.class);
    }

    static JsonNode rekognition(String... labels) {
        return JSON.readTree(ServiceResponses.rekognition(labels));
    }

    static JsonNode textract(String... pairs) {
        return JSON.readTree(ServiceResponses.textract(pairs));
    }

    private static List<String> ids(JsonNode blocks) {
        List<String> ids = new ArrayList<>();
        blocks.forEach(block -> ids.add(block.get("id").asString()));
        return ids;
    }
}
