package io.reviewstream.conditions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static io.reviewstream.conditions.BuiltInConditionsTest.REKOGNITION;
import static io.reviewstream.conditions.BuiltInConditionsTest.TEXTRACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Documents that cannot be used are rejected when the flow definition is created, saying where and why. */
class ValidationTest {

    private static final String SAMPLING = "{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":1}}";

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // A built-in source only allows its own types.
            "R | $.Conditions[0].ConditionType | {\"Conditions\":[{\"ConditionType\":\"ImportantFormKeyConfidenceCheck\",\"ConditionParameters\":{\"ImportantFormKey\":\"*\",\"KeyValueBlockConfidenceLessThan\":1}}]}",
            "T | $.Conditions[0].ConditionType | {\"Conditions\":[{\"ConditionType\":\"ModerationLabelConfidenceCheck\",\"ConditionParameters\":{\"ModerationLabelName\":\"*\",\"ConfidenceLessThan\":1}}]}",
            "T | $.Conditions[0].ConditionType | {\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\",\"ConditionParameters\":{\"Path\":\"$.c\",\"ConfidenceLessThan\":1}}]}",
            "C | $.Conditions[0].ConditionType | {\"Conditions\":[{\"ConditionType\":\"MissingImportantFormKey\",\"ConditionParameters\":{\"ImportantFormKey\":\"Total\"}}]}",
            // Parameters.
            "R | $.Conditions[0].ConditionParameters.ModerationLabelName | {\"Conditions\":[{\"ConditionType\":\"ModerationLabelConfidenceCheck\",\"ConditionParameters\":{\"ConfidenceLessThan\":1}}]}",
            "R | $.Conditions[0].ConditionParameters | {\"Conditions\":[{\"ConditionType\":\"ModerationLabelConfidenceCheck\",\"ConditionParameters\":{\"ModerationLabelName\":\"*\"}}]}",
            "R | $.Conditions[0].ConditionParameters.ConfidenceLessThan | {\"Conditions\":[{\"ConditionType\":\"ModerationLabelConfidenceCheck\",\"ConditionParameters\":{\"ModerationLabelName\":\"*\",\"ConfidenceLessThan\":101}}]}",
            "R | $.Conditions[0].ConditionParameters.ConfidenceLessThan | {\"Conditions\":[{\"ConditionType\":\"ModerationLabelConfidenceCheck\",\"ConditionParameters\":{\"ModerationLabelName\":\"*\",\"ConfidenceLessThan\":\"80\"}}]}",
            "R | $.Conditions[0].ConditionParameters.ConfidenceLessthan | {\"Conditions\":[{\"ConditionType\":\"ModerationLabelConfidenceCheck\",\"ConditionParameters\":{\"ModerationLabelName\":\"*\",\"ConfidenceLessthan\":80}}]}",
            "T | $.Conditions[0].ConditionParameters | {\"Conditions\":[{\"ConditionType\":\"ImportantFormKeyConfidenceCheck\",\"ConditionParameters\":{\"ImportantFormKey\":\"Total\"}}]}",
            "T | $.Conditions[0].ConditionParameters.ImportantFormKeyAliases[1] | {\"Conditions\":[{\"ConditionType\":\"ImportantFormKeyConfidenceCheck\",\"ConditionParameters\":{\"ImportantFormKey\":\"Total\",\"ImportantFormKeyAliases\":[\"Sum\",3],\"WordBlockConfidenceLessThan\":50}}]}",
            "T | $.Conditions[0].ConditionParameters.ImportantFormKey | {\"Conditions\":[{\"ConditionType\":\"MissingImportantFormKey\",\"ConditionParameters\":{\"ImportantFormKey\":\"*\"}}]}",
            "T | $.Conditions[0].ConditionParameters.RandomSamplingPercentage | {\"Conditions\":[{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":0.009}}]}",
            "T | $.Conditions[0].ConditionParameters.RandomSamplingPercentage | {\"Conditions\":[{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":100.01}}]}",
            // Published-example quirks: a bare condition, and the two documents that are not JSON.
            "T | $ | {\"ConditionType\":\"MissingImportantFormKey\",\"ConditionParameters\":{\"ImportantFormKey\":\"Total\"}}",
            "T | $ | {\"Conditions\":[{\"ConditionType\":\"Sampling\" \"ConditionParameters\":{\"RandomSamplingPercentage\":5}}]}",
            "T | $ | {\"Conditions\":[{\"ConditionType\":\"Sampling\",\"ConditionParameters\":{\"RandomSamplingPercentage\":5}}}]}",
            // Logical operators: at least two operands, one key, an array.
            "R | $.Conditions[0].Or | {\"Conditions\":[{\"Or\":{\"ConditionType\":\"Sampling\"}}]}",
            "R | $.Conditions[0].And | {\"Conditions\":[{\"And\":[]}]}",
            "R | $.Conditions[0].Or | {\"Conditions\":[{\"And\":[" + "x" + "],\"Or\":[]}]}"})
    void invalidDocumentsSayWhere(String source, String where, String document) {
        assertThatThrownBy(() -> ActivationConditions.compile(document.replace("[x]", "[" + SAMPLING + "," + SAMPLING + "]"), source(source)))
                .isInstanceOf(InvalidConditionsException.class)
                .satisfies(e -> assertThat(((InvalidConditionsException) e).path()).isEqualTo(where))
                .hasMessageStartingWith("Invalid HumanLoopActivationConditions at " + where + ": ");
    }

    @Test
    void twoLevelsOfNestingAreAllowedAndAThirdIsNot() throws Exception {
        String twoLevels = "{\"Conditions\":[{\"Or\":[{\"And\":[" + SAMPLING + "," + SAMPLING + "]}," + SAMPLING + "]}]}";
        ActivationConditions.compile(twoLevels, REKOGNITION);
        String threeLevels = "{\"Conditions\":[{\"Or\":[{\"And\":[{\"Or\":[" + SAMPLING + "," + SAMPLING + "]},"
                + SAMPLING + "]}," + SAMPLING + "]}]}";
        assertThatThrownBy(() -> ActivationConditions.compile(threeLevels, REKOGNITION))
                .isInstanceOf(InvalidConditionsException.class)
                .satisfies(e -> assertThat(((InvalidConditionsException) e).path()).isEqualTo("$.Conditions[0].Or[0].And[0]"))
                .hasMessageContaining("deeper than 2");
    }

    @Test
    void anotherSourceUsesTheCustomTypes() throws Exception {
        String custom = "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\",\"ConditionParameters\":"
                + "{\"Path\":\"$.score\",\"ConfidenceLessThan\":0.5}}]}";
        assertThat(ActivationConditions.compile(custom, "AWS/Textract/AnalyzeExpense")
                .evaluate(JsonMapper.builder().build().readTree("{\"score\":0.2}"), "p-1").humanReviewNeeded()).isTrue();
        String builtIn = "{\"Conditions\":[{\"ConditionType\":\"ModerationLabelConfidenceCheck\","
                + "\"ConditionParameters\":{\"ModerationLabelName\":\"*\",\"ConfidenceLessThan\":50}}]}";
        assertThatThrownBy(() -> ActivationConditions.compile(builtIn, "AWS/Bedrock/ModelEvaluation"))
                .isInstanceOf(InvalidConditionsException.class).hasMessageContaining("ModerationLabelConfidenceCheck");
    }

    @Test
    void anOverlongDocumentIsRejected() {
        String longDocument = "{\"Conditions\":[" + (SAMPLING + ",").repeat(200) + SAMPLING + "]}";
        assertThatThrownBy(() -> ActivationConditions.compile(longDocument, TEXTRACT))
                .isInstanceOf(InvalidConditionsException.class).hasMessageContaining("10240");
    }

    @Test
    void theBoundsOfSamplingAreInclusive() throws Exception {
        for (String percentage : new String[]{"0.01", "100"}) {
            ActivationConditions.compile("{\"Conditions\":[{\"ConditionType\":\"Sampling\",\"ConditionParameters\":"
                    + "{\"RandomSamplingPercentage\":" + percentage + "}}]}", REKOGNITION);
        }
    }

    private static String source(String code) {
        return switch (code) {
            case "R" -> REKOGNITION;
            case "T" -> TEXTRACT;
            default -> null;
        };
    }
}
