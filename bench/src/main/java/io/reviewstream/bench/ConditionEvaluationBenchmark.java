package io.reviewstream.bench;

import io.reviewstream.conditions.ActivationConditions;
import io.reviewstream.conditions.CompiledConditions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.TimeUnit;

/**
 * Evaluation of compiled conditions per prediction, the router's per-record work apart from (de)serialization:
 * the custom-model mix the throughput benchmark uses, and A2I's Rekognition and Textract examples. Parsing the
 * input JSON is measured separately, since the router does it once per record whatever the conditions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ConditionEvaluationBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CompiledConditions custom;
    private CompiledConditions rekognition;
    private CompiledConditions textract;
    private String customInputText;
    private JsonNode customInput;
    private JsonNode rekognitionInput;
    private JsonNode textractInput;
    private long counter;

    @Setup
    public void setUp() throws Exception {
        custom = ActivationConditions.compile(Workload.CLASSIFIER_CONDITIONS, null);
        customInputText = Workload.classifierInput(0.73, 7);
        customInput = JSON.readTree(customInputText);
        rekognition = ActivationConditions.compile("""
                {"Conditions":[{"Or":[
                  {"And":[
                    {"ConditionType":"ModerationLabelConfidenceCheck","ConditionParameters":{"ModerationLabelName":"*","ConfidenceGreaterThanEquals":55}},
                    {"ConditionType":"ModerationLabelConfidenceCheck","ConditionParameters":{"ModerationLabelName":"*","ConfidenceLessThan":85}}]},
                  {"ConditionType":"ModerationLabelConfidenceCheck","ConditionParameters":{"ModerationLabelName":"Weapons","ConfidenceGreaterThan":40}}]},
                  {"ConditionType":"Sampling","ConditionParameters":{"RandomSamplingPercentage":2}}]}""",
                "AWS/Rekognition/DetectModerationLabels/Image/V3");
        rekognitionInput = JSON.readTree("{\"aiServiceRequest\":{\"image\":{\"s3Object\":{\"bucket\":\"b\",\"name\":\"i\"}}},"
                + "\"aiServiceResponse\":{\"moderationLabels\":[{\"name\":\"Violence\",\"confidence\":91.2,\"parentName\":\"\"},"
                + "{\"name\":\"Weapons\",\"confidence\":30.5,\"parentName\":\"Violence\"},"
                + "{\"name\":\"Drugs\",\"confidence\":12.0,\"parentName\":\"\"}],\"moderationModelVersion\":\"3.0\"}}");
        textract = ActivationConditions.compile("""
                {"Conditions":[
                  {"ConditionType":"ImportantFormKeyConfidenceCheck","ConditionParameters":{
                     "ImportantFormKey":"Invoice Number","ImportantFormKeyAliases":["Invoice No.","Invoice #"],
                     "KeyValueBlockConfidenceLessThan":75,"WordBlockConfidenceLessThan":90}},
                  {"ConditionType":"MissingImportantFormKey","ConditionParameters":{
                     "ImportantFormKey":"Total Due","ImportantFormKeyAliases":["Amount Due","Balance Due"]}}]}""",
                "AWS/Textract/AnalyzeDocument/Forms/V1");
        textractInput = JSON.readTree(Workload.textractInput(20));
    }

    @Benchmark
    public Object parseCustomInput() {
        return JSON.readTree(customInputText);
    }

    @Benchmark
    public Object customNestedWithJsonPathAndSampling() {
        return custom.evaluate(customInput, "classifier|p-" + counter++).humanReviewNeeded();
    }

    /** What every Decision carries. */
    @Benchmark
    public Object customWithNodeResults() {
        return custom.evaluate(customInput, "classifier|p-" + counter++).nodeResults();
    }

    /** What a loop carries, and a Decision with decision-detail tree. */
    @Benchmark
    public Object customWithTreeJson() {
        return custom.evaluate(customInput, "classifier|p-" + counter++).evaluatedTreeJson();
    }

    @Benchmark
    public Object rekognitionBandWeaponsSampling() {
        return rekognition.evaluate(rekognitionInput, "moderation|p-" + counter++).selectedAiServiceResponse();
    }

    @Benchmark
    public Object textractInvoiceTwentyPairs() {
        return textract.evaluate(textractInput, "invoices|p-" + counter++).humanReviewNeeded();
    }
}
