package io.reviewstream.flowservice.console.domain;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FlowDiffTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aChangedThresholdInsideTheConditionsIsThatThresholdAlone() {
        JsonNode before = flow("Check", 0.8, 1);
        JsonNode after = flow("Check", 0.7, 2);
        assertThat(FlowDiff.between(before, after)).containsExactly(
                new FlowDiff.Change("HumanLoopActivationConfig.HumanLoopActivationConditionsConfig"
                        + ".HumanLoopActivationConditions.Conditions[0].ConditionParameters.ConfidenceLessThan",
                        "0.8", "0.7"),
                new FlowDiff.Change("HumanLoopConfig.TaskCount", "1", "2"));
    }

    @Test
    void theFirstVersionIsAllAdditionsAndAnIdenticalOneHasNoChanges() {
        assertThat(FlowDiff.between(null, flow("Check", 0.8, 1))).allMatch(change -> change.before() == null)
                .extracting(FlowDiff.Change::member).contains("HumanLoopConfig.TaskTitle");
        assertThat(FlowDiff.between(flow("Check", 0.8, 1), flow("Check", 0.8, 1))).isEmpty();
    }

    @Test
    void removedMembersAndConditionsThatAreNotJsonAreShownWhole() {
        JsonNode before = JSON.readTree("""
                {"RoleArn":"arn:role","HumanLoopActivationConfig":{"HumanLoopActivationConditionsConfig":
                 {"HumanLoopActivationConditions":"not json"}}}""");
        JsonNode after = JSON.readTree("{\"RoleArn\":\"arn:role\"}");
        assertThat(FlowDiff.between(before, after)).containsExactly(new FlowDiff.Change(
                "HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions",
                "not json", null));
    }

    private static JsonNode flow(String title, double threshold, int count) {
        String conditions = "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\",\"ConditionParameters\":"
                + "{\"Path\":\"$.confidence\",\"ConfidenceLessThan\":" + threshold + "}}]}";
        return JSON.createObjectNode().put("FlowDefinitionName", "f").put("RoleArn", "arn:role")
                .<tools.jackson.databind.node.ObjectNode>set("HumanLoopConfig", JSON.createObjectNode()
                        .put("TaskTitle", title).put("TaskCount", count))
                .set("HumanLoopActivationConfig", JSON.createObjectNode().set("HumanLoopActivationConditionsConfig",
                        JSON.createObjectNode().put("HumanLoopActivationConditions", conditions)));
    }
}
