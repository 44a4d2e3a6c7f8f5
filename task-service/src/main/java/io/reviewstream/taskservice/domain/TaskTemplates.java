package io.reviewstream.taskservice.domain;

import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.view.CompactedTopicView;

import java.util.Optional;

/** The worker task templates of rs.task-uis, found by the HumanTaskUiArn a loop's flow definition names. */
public final class TaskTemplates {

    private final CompactedTopicView<HumanTaskUi> taskUis;

    public TaskTemplates(CompactedTopicView<HumanTaskUi> taskUis) {
        this.taskUis = taskUis;
    }

    public Optional<HumanTaskUi> byArn(String humanTaskUiArn) {
        String name = Arns.resourceName(humanTaskUiArn, Arns.HUMAN_TASK_UI);
        return name == null ? Optional.empty() : taskUis.get(name);
    }
}
