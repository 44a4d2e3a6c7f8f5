package io.reviewstream.flowservice.api;

import io.reviewstream.flowservice.config.FlowServiceProperties;
import io.reviewstream.flowservice.domain.FlowDefinitions;
import io.reviewstream.flowservice.domain.HumanTaskUis;
import io.reviewstream.flowservice.domain.Workteams;
import io.reviewstream.schemas.arn.Arns;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SageMaker control plane in JSON 1.1: every operation is {@code POST /} named by {@code X-Amz-Target}.
 */
@RestController
public class ControlPlaneController {

    private static final MediaType JSON_1_1 = MediaType.parseMediaType(Protocol.CONTROL_PLANE.contentType());

    private final FlowDefinitionOperations flows;
    private final HumanTaskUiOperations uis;
    private final WorkteamOperations teams;
    private final MeterRegistry meters;

    public ControlPlaneController(FlowDefinitions flows, HumanTaskUis uis, Workteams teams, Arns arns,
                                  FlowServiceProperties properties, MeterRegistry meters) {
        this.flows = new FlowDefinitionOperations(flows);
        this.uis = new HumanTaskUiOperations(uis);
        this.teams = new WorkteamOperations(teams, arns, properties.workerPortalUrl());
        this.meters = meters;
    }

    @PostMapping("/")
    public ResponseEntity<byte[]> invoke(@RequestHeader(name = "X-Amz-Target", required = false) String target,
                                         @RequestBody(required = false) byte[] body) {
        ControlPlaneOperation operation = ControlPlaneOperation.of(target).orElseThrow(() -> new ApiException(
                ApiError.UNKNOWN_OPERATION, target == null ? "Missing X-Amz-Target header"
                : "Operation " + target + " is not supported"));
        meters.counter("reviewstream.flow.api.calls", "operation", operation.name()).increment();
        Input input = Input.parse(body);
        ObjectNode result = switch (operation) {
            case CreateFlowDefinition -> flows.create(input);
            case DescribeFlowDefinition -> flows.describe(input);
            case ListFlowDefinitions -> flows.list(input);
            case DeleteFlowDefinition -> flows.delete(input);
            case CreateHumanTaskUi -> uis.create(input);
            case DescribeHumanTaskUi -> uis.describe(input);
            case ListHumanTaskUis -> uis.list(input);
            case DeleteHumanTaskUi -> uis.delete(input);
            case RenderUiTemplate -> uis.render(input);
            case CreateWorkteam -> teams.create(input);
            case DescribeWorkteam -> teams.describe(input);
            case ListWorkteams -> teams.list(input);
            case UpdateWorkteam -> teams.update(input);
            case DeleteWorkteam -> teams.delete(input);
        };
        return ResponseEntity.ok().contentType(JSON_1_1).body(Shapes.JSON.writeValueAsBytes(result));
    }
}
