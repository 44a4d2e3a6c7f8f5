package io.reviewstream.flowservice.api;

import io.reviewstream.flowservice.domain.HumanTaskUis;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.templates.RenderResult;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.node.ObjectNode;


/** CreateHumanTaskUi, DescribeHumanTaskUi, ListHumanTaskUis, DeleteHumanTaskUi and RenderUiTemplate on the wire. */
public final class HumanTaskUiOperations {

    /** Where DescribeHumanTaskUi's UiTemplate.Url points; see {@link TemplateDownloadController}. */
    static final String TEMPLATE_PATH = "/human-task-uis/{name}/{sha256}";

    private final HumanTaskUis uis;

    public HumanTaskUiOperations(HumanTaskUis uis) {
        this.uis = uis;
    }

    public ObjectNode create(Input input) {
        String name = input.string("HumanTaskUiName", true, 1, 63, Patterns.HUMAN_TASK_UI_NAME);
        Input template = input.object("UiTemplate", true);
        String content = template == null ? null : template.string("Content", true, 1, 128_000, Patterns.NON_EMPTY);
        var tags = Shapes.tags(input);
        input.check();
        return Shapes.object().put("HumanTaskUiArn", uis.create(name, content, tags).getArn());
    }

    public ObjectNode describe(Input input) {
        String name = input.string("HumanTaskUiName", true, 1, 63, Patterns.HUMAN_TASK_UI_NAME);
        input.check();
        HumanTaskUi ui = uis.describe(name);
        ObjectNode out = summary(ui).put("HumanTaskUiStatus", "Active");
        out.putObject("UiTemplate")
                .put("Url", ServletUriComponentsBuilder.fromCurrentContextPath().path(TEMPLATE_PATH)
                        .buildAndExpand(ui.getName(), ui.getContentSha256()).toUriString())
                .put("ContentSha256", ui.getContentSha256());
        return out;
    }

    public ObjectNode list(Input input) {
        Shapes.CreationWindow window = Shapes.CreationWindow.epochSeconds(input);
        Shapes.Paging paging = Shapes.Paging.of(input, true);
        input.check();
        return Page.of(uis.list().stream().filter(ui -> window.contains(ui.getCreationTime())).toList(),
                        ui -> new Page.Position(ui.getCreationTime().toEpochMilli(), ui.getName()),
                        paging, "human-task-uis " + window)
                .render("HumanTaskUiSummaries", HumanTaskUiOperations::summary);
    }

    public ObjectNode delete(Input input) {
        String name = input.string("HumanTaskUiName", true, 1, 63, Patterns.HUMAN_TASK_UI_NAME);
        input.check();
        uis.delete(name);
        return Shapes.object();
    }

    public ObjectNode render(Input input) {
        Input template = input.object("UiTemplate", false);
        String content = template == null ? null : template.string("Content", true, 1, 128_000, Patterns.NON_EMPTY);
        String arn = input.string("HumanTaskUiArn", false, 0, 1024, Patterns.HUMAN_TASK_UI_ARN);
        Input task = input.object("Task", true);
        String taskInput = task == null ? null : task.string("Input", true, 2, 128_000, Patterns.NON_EMPTY);
        input.string("RoleArn", true, 20, 2048, Patterns.ROLE_ARN);
        if (template == null && arn == null) {
            input.violation("UiTemplate", "Exactly one of UiTemplate and HumanTaskUiArn must be given");
        } else if (template != null && arn != null) {
            input.violation("HumanTaskUiArn", "Exactly one of UiTemplate and HumanTaskUiArn must be given");
        }
        input.check();
        RenderResult rendered = uis.render(content, arn, taskInput);
        ObjectNode out = Shapes.object().put("RenderedContent", rendered.html());
        var errors = out.putArray("Errors");
        rendered.errors().forEach(e -> errors.addObject().put("Code", e.code()).put("Message", e.message()));
        return out;
    }

    private static ObjectNode summary(HumanTaskUi ui) {
        ObjectNode out = Shapes.object()
                .put("HumanTaskUiName", ui.getName())
                .put("HumanTaskUiArn", ui.getArn());
        out.set("CreationTime", Timestamps.epochSeconds(ui.getCreationTime()));
        return out;
    }
}
