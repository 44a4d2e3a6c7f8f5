package io.reviewstream.flowservice.console.web;

import io.reviewstream.conditions.ActivationConditions;
import io.reviewstream.conditions.InvalidConditionsException;
import io.reviewstream.flowservice.api.FlowDefinitionOperations;
import io.reviewstream.flowservice.api.Input;
import io.reviewstream.flowservice.console.audit.ConsoleAudit;
import io.reviewstream.flowservice.console.domain.ConditionsTryout;
import io.reviewstream.flowservice.console.domain.FlowDiff;
import io.reviewstream.flowservice.console.domain.FlowVersions;
import io.reviewstream.flowservice.console.domain.RecentPredictions;
import io.reviewstream.flowservice.domain.FlowDefinitions;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.List;

/**
 * Flow definitions in the console: the same domain and the same request shapes and checks as the AWS API's
 * CreateFlowDefinition and DescribeFlowDefinition, so a definition pasted from an SDK script publishes as it would
 * there, with each refusal named by its member.
 */
@RestController
@RequestMapping("/console/api/flows")
public class ConsoleFlowsController {

    static final String CONDITIONS_MEMBER =
            "HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions";

    static final int RECENT_PREDICTIONS = 20;

    private final FlowDefinitions flows;
    private final FlowDefinitionOperations operations;
    private final FlowVersions versions;
    private final RecentPredictions recent;
    private final ConsoleAudit audit;

    public ConsoleFlowsController(FlowDefinitions flows, FlowVersions versions, RecentPredictions recent,
                                  ConsoleAudit audit) {
        this.flows = flows;
        this.operations = new FlowDefinitionOperations(flows);
        this.versions = versions;
        this.recent = recent;
        this.audit = audit;
    }

    @GetMapping
    public ObjectNode list() {
        ObjectNode out = ConsoleErrors.JSON.createObjectNode();
        ArrayNode items = out.putArray("flows");
        flows.list().stream().sorted(Comparator.comparing(FlowDefinition::getName)).forEach(flow -> {
            ObjectNode item = items.addObject()
                    .put("name", flow.getName())
                    .put("arn", flow.getArn())
                    .put("version", flow.getVersion())
                    .put("status", flow.getStatus().name())
                    .put("creationTime", flow.getCreationTime().toString())
                    .put("requestSource", flow.getHumanLoopRequestSource())
                    .put("hasConditions", flow.getActivationConditions() != null);
            if (flow.getHumanLoopConfig() != null) {
                item.put("workteam", Arns.resourceName(flow.getHumanLoopConfig().getWorkteamArn(), Arns.WORKTEAM))
                        .put("taskUi", Arns.resourceName(flow.getHumanLoopConfig().getHumanTaskUiArn(),
                                Arns.HUMAN_TASK_UI));
            }
        });
        return out;
    }

    @GetMapping("/{name}")
    public ObjectNode describe(@PathVariable String name) {
        return FlowDefinitionOperations.described(flows.describe(name));
    }

    /** Every version the topic still holds, newest first, each with what changed from the one before it. */
    @GetMapping("/{name}/versions")
    public ObjectNode versions(@PathVariable String name) {
        List<FlowDefinition> found = versions.of(name);
        if (found.isEmpty()) {
            flows.describe(name);
        }
        ObjectNode out = ConsoleErrors.JSON.createObjectNode();
        ArrayNode items = out.putArray("versions");
        for (int i = 0; i < found.size(); i++) {
            ObjectNode described = FlowDefinitionOperations.described(found.get(i));
            ObjectNode previous = i + 1 < found.size() ? FlowDefinitionOperations.described(found.get(i + 1)) : null;
            ObjectNode item = items.addObject().put("version", found.get(i).getVersion());
            item.set("definition", described);
            ArrayNode changes = item.putArray("changes");
            FlowDiff.between(previous, described).forEach(change -> changes.addObject()
                    .put("member", change.member()).put("before", change.before()).put("after", change.after()));
        }
        return out;
    }

    /** A new flow definition, in CreateFlowDefinition's request shape. */
    @PostMapping
    public ObjectNode create(@RequestBody(required = false) byte[] body, Authentication who) {
        String name = ConsoleRequests.text(body, "FlowDefinitionName");
        return audit.audited(who, "CreateFlowDefinition", name, () -> {
            ObjectNode request = ConsoleRequests.object(body);
            checkConditions(request);
            return operations.create(Input.parse(ConsoleErrors.JSON.writeValueAsBytes(request)));
        }, ConsoleRequests::code);
    }

    /** A new version of an existing flow, in CreateFlowDefinition's request shape (the name is the path's). */
    @PostMapping("/{name}/versions")
    public ObjectNode publish(@PathVariable String name, @RequestBody(required = false) byte[] body,
                              Authentication who) {
        return audit.audited(who, "PublishFlowVersion", name, () -> {
            ObjectNode request = ConsoleRequests.object(body);
            request.put("FlowDefinitionName", name);
            ArrayNode tags = request.has("Tags") && request.get("Tags").isArray()
                    ? (ArrayNode) request.get("Tags") : request.putArray("Tags");
            tags.addObject().put("Key", FlowDefinitions.PUBLISH_TAG).put("Value", FlowDefinitions.NEW_VERSION);
            checkConditions(request);
            return operations.create(Input.parse(ConsoleErrors.JSON.writeValueAsBytes(request)));
        }, ConsoleRequests::code);
    }

    /**
     * The conditions compiled before the rest is checked, so that their refusal names their member and the place in
     * the document: the domain refuses them too, but as the whole definition's error.
     */
    private static void checkConditions(ObjectNode request) {
        JsonNode conditions = request.at("/HumanLoopActivationConfig/HumanLoopActivationConditionsConfig"
                + "/HumanLoopActivationConditions");
        JsonNode source = request.at("/HumanLoopRequestSource/AwsManagedHumanLoopRequestSource");
        if (conditions.isString()) {
            try {
                ActivationConditions.compile(conditions.stringValue(), source.isString() ? source.stringValue() : null);
            } catch (InvalidConditionsException e) {
                throw ConsoleRequests.invalid(CONDITIONS_MEMBER, e.getMessage());
            }
        }
    }

    @DeleteMapping("/{name}")
    public ObjectNode delete(@PathVariable String name, Authentication who) {
        Input input = Input.parse(ConsoleErrors.JSON.writeValueAsBytes(
                ConsoleErrors.JSON.createObjectNode().put("FlowDefinitionName", name)));
        return audit.audited(who, "DeleteFlowDefinition", name, () -> operations.delete(input), ConsoleRequests::code);
    }

    /** The flow's latest predictions on the predictions topic, to pick one for the tryout. */
    @GetMapping("/{name}/predictions")
    public ObjectNode predictions(@PathVariable String name) {
        flows.describe(name);
        ObjectNode out = ConsoleErrors.JSON.createObjectNode();
        ArrayNode items = out.putArray("predictions");
        recent.of(name, RECENT_PREDICTIONS).forEach(p -> items.addObject()
                .put("predictionId", p.predictionId())
                .put("writtenAt", p.writtenAt().toString())
                .put("inputContent", p.inputContent()));
        return out;
    }

    /**
     * The flow's current version (or a version the topic still holds) evaluated on a prediction:
     * {@code {"prediction": {…}, "predictionId": "…", "version": 2}}.
     */
    @PostMapping("/{name}/try")
    public ObjectNode tryConditions(@PathVariable String name, @RequestBody(required = false) byte[] body) {
        ObjectNode request = ConsoleRequests.object(body);
        JsonNode prediction = request.get("prediction");
        if (prediction == null || !prediction.isObject()) {
            throw ConsoleRequests.invalid("prediction", "Paste the prediction as a JSON object");
        }
        FlowDefinition flow = flows.describe(name);
        JsonNode version = request.get("version");
        if (version != null && version.isInt() && version.intValue() != flow.getVersion()) {
            flow = versions.of(name).stream().filter(v -> v.getVersion() == version.intValue()).findFirst()
                    .orElseThrow(() -> ConsoleRequests.invalid("version", "Version " + version.intValue()
                            + " of " + name + " is no longer on its topic"));
        }
        JsonNode id = request.get("predictionId");
        String predictionId = id != null && id.isString() && !id.stringValue().isBlank() ? id.stringValue()
                : "console-tryout";
        ConditionsTryout.Result result = ConditionsTryout.evaluate(flow, prediction, predictionId);
        ObjectNode out = ConsoleErrors.JSON.createObjectNode()
                .put("flow", flow.getName())
                .put("version", flow.getVersion())
                .put("predictionId", predictionId)
                .put("applicable", result.applicable())
                .put("message", result.message())
                .put("humanReviewNeeded", result.humanReviewNeeded())
                .put("sampledOnly", result.sampledOnly());
        result.reasons().forEach(out.putArray("reasons")::add);
        result.nodeResults().forEach(out.putArray("nodeResults")::add);
        out.set("evaluatedTree", result.evaluatedTree() == null ? null
                : ConsoleErrors.JSON.readTree(result.evaluatedTree()));
        return out;
    }
}
