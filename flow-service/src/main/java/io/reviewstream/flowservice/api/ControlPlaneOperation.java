package io.reviewstream.flowservice.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The SageMaker operations flow-service serves, by their {@code X-Amz-Target} name. */
enum ControlPlaneOperation {

    CreateFlowDefinition, DescribeFlowDefinition, ListFlowDefinitions, DeleteFlowDefinition,
    CreateHumanTaskUi, DescribeHumanTaskUi, ListHumanTaskUis, DeleteHumanTaskUi, RenderUiTemplate,
    CreateWorkteam, DescribeWorkteam, ListWorkteams, UpdateWorkteam, DeleteWorkteam;

    static final String TARGET_PREFIX = "SageMaker.";
    private static final Map<String, ControlPlaneOperation> BY_TARGET = Arrays.stream(values())
            .collect(Collectors.toMap(op -> TARGET_PREFIX + op.name(), Function.identity()));

    static Optional<ControlPlaneOperation> of(String target) {
        return Optional.ofNullable(target == null ? null : BY_TARGET.get(target.trim()));
    }
}
