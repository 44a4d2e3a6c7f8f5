package io.reviewstream.conditions;

import io.reviewstream.conditions.type.Condition;
import io.reviewstream.conditions.type.ConfidenceCheck;
import io.reviewstream.conditions.type.ImportantFormKeyConfidenceCheck;
import io.reviewstream.conditions.type.LabelCheck;
import io.reviewstream.conditions.type.MissingField;
import io.reviewstream.conditions.type.MissingImportantFormKey;
import io.reviewstream.conditions.type.ModerationLabelConfidenceCheck;
import io.reviewstream.conditions.type.ModerationLabels;
import io.reviewstream.conditions.type.Sampling;
import io.reviewstream.conditions.type.TextractForm;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Where a flow's inputs come from, which decides the condition types its document may use: A2I's two built-in
 * sources, each with A2I's types, or a custom model with Reviewstream's types over any JSON.
 */
enum RequestSource {

    CUSTOM(null, null, Map.of(
            ConfidenceCheck.TYPE, new Type(ConfidenceCheck.PARAMETERS, ConfidenceCheck::parse),
            LabelCheck.TYPE, new Type(LabelCheck.PARAMETERS, LabelCheck::parse),
            MissingField.TYPE, new Type(MissingField.PARAMETERS, MissingField::parse),
            Sampling.TYPE, new Type(Sampling.PARAMETERS, Sampling::parse))),
    TEXTRACT("AWS/Textract/AnalyzeDocument/Forms/V1", TextractForm.ARRAY, Map.of(
            ImportantFormKeyConfidenceCheck.TYPE, new Type(ImportantFormKeyConfidenceCheck.PARAMETERS,
                    ImportantFormKeyConfidenceCheck::parse),
            MissingImportantFormKey.TYPE, new Type(MissingImportantFormKey.PARAMETERS, MissingImportantFormKey::parse),
            Sampling.TYPE, new Type(Sampling.PARAMETERS, Sampling::parse))),
    REKOGNITION("AWS/Rekognition/DetectModerationLabels/Image/V3", ModerationLabels.ARRAY, Map.of(
            ModerationLabelConfidenceCheck.TYPE, new Type(ModerationLabelConfidenceCheck.PARAMETERS,
                    ModerationLabelConfidenceCheck::parse),
            Sampling.TYPE, new Type(Sampling.PARAMETERS, Sampling::parse)));

    @FunctionalInterface
    interface Parser {
        Condition parse(ObjectNode configured, JsonNode parameters, String location) throws InvalidConditionsException;
    }

    record Type(List<String> parameters, Parser parser) {
    }

    /** A2I's AwsManagedHumanLoopRequestSource value; null for custom models. */
    final String awsName;
    /** The array of the AI service response whose items conditions select; null for custom models. */
    final String inferenceArray;
    final Map<String, Type> types;

    RequestSource(String awsName, String inferenceArray, Map<String, Type> types) {
        this.awsName = awsName;
        this.inferenceArray = inferenceArray;
        this.types = types;
    }

    boolean builtIn() {
        return awsName != null;
    }

    /**
     * Sources other than A2I's two (some SDK releases list more, and clients built with them send them) have no
     * built-in integration here, so their inputs are a custom model's: any JSON, with the custom types.
     */
    static RequestSource of(String humanLoopRequestSource) {
        for (RequestSource source : values()) {
            if (source.awsName != null && source.awsName.equals(humanLoopRequestSource)) {
                return source;
            }
        }
        return CUSTOM;
    }

    /** Reads the built-in response's inferences once per evaluation. */
    Condition.Input input(JsonNode document, String samplingKey) {
        if (this == CUSTOM) {
            return new Condition.Input(document, samplingKey);
        }
        JsonNode response = document.get(CompiledConditions.AI_SERVICE_RESPONSE);
        if (response == null || !response.isObject()) {
            throw new ConditionNotApplicableException("input needs an aiServiceResponse object for " + awsName);
        }
        return this == TEXTRACT
                ? new Condition.Input(document, samplingKey, TextractForm.parse(response), null)
                : new Condition.Input(document, samplingKey, null, ModerationLabels.parse(response));
    }

    @Override
    public String toString() {
        return builtIn() ? awsName : "custom models";
    }
}
