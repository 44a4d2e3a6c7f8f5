package io.reviewstream.conditions;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HumanLoopContextTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TEXTRACT = "AWS/Textract/AnalyzeDocument/Forms/V1";
    static final String CONDITIONS = """
            {"Conditions":[{"Or":[
              {"ConditionType":"ImportantFormKeyConfidenceCheck","ConditionParameters":{
                "ImportantFormKey":"Mail address","ImportantFormKeyAliases":["Mail Address:","home address"],
                "KeyValueBlockConfidenceLessThan":60}},
              {"ConditionType":"MissingImportantFormKey","ConditionParameters":{"ImportantFormKey":"Date of birth"}},
              {"ConditionType":"ImportantFormKeyConfidenceCheck","ConditionParameters":{
                "ImportantFormKey":"*","KeyValueBlockConfidenceLessThan":10}}]},
              {"ConditionType":"Sampling","ConditionParameters":{"RandomSamplingPercentage":5}}]}""";

    @Test
    void textractTemplatesGetTheConditionsKeysAndAliasesButNoWildcard() {
        JsonNode input = JSON.readTree(HumanLoopContext.templateInput(
                "{\"aiServiceResponse\":{\"blocks\":[]}}", CONDITIONS, TEXTRACT));
        assertThat(input.at("/aiServiceResponse/blocks").isArray()).isTrue();
        JsonNode keys = input.at("/humanLoopContext/importantFormKeys");
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.get(0).get("importantFormKey").asString()).isEqualTo("Mail address");
        assertThat(keys.get(0).get("importantFormKeyAliases").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(List.of("Mail Address:", "home address"));
        assertThat(keys.get(1).get("importantFormKey").asString()).isEqualTo("Date of birth");
        assertThat(keys.get(1).get("importantFormKeyAliases").isEmpty()).isTrue();
    }

    @Test
    void otherFlowsAndInputsThatAreNoObjectAreLeftAlone() {
        String input = "{\"label\":\"cat\"}";
        assertThat(HumanLoopContext.templateInput(input, CONDITIONS, null)).isSameAs(input);
        assertThat(HumanLoopContext.templateInput(input, null,
                "AWS/Rekognition/DetectModerationLabels/Image/V3")).isSameAs(input);
        assertThat(HumanLoopContext.templateInput("[1,2]", CONDITIONS, TEXTRACT)).isEqualTo("[1,2]");
        assertThat(JSON.readTree(HumanLoopContext.templateInput(input, null, TEXTRACT))
                .at("/humanLoopContext/importantFormKeys").isEmpty()).isTrue();
    }
}
