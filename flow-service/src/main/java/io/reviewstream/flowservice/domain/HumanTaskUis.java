package io.reviewstream.flowservice.domain;

import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.Tag;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.TaskUis;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import io.reviewstream.templates.RenderContext;
import io.reviewstream.templates.RenderError;
import io.reviewstream.templates.RenderResult;
import io.reviewstream.templates.TemplateRenderer;

import java.time.Clock;
import java.util.List;

/**
 * Worker task templates. A template whose Liquid does not parse is refused when it is created, not when the first
 * worker opens a task; rendering errors that depend on the input are RenderUiTemplate's to report.
 */
public final class HumanTaskUis {

    private final CompactedTopicView<HumanTaskUi> view;
    private final Publisher publisher;
    private final Topics topics;
    private final Arns arns;
    private final Envelopes envelopes;
    private final Clock clock;
    private final TemplateRenderer renderer;
    private final RenderContext renderContext;
    private final int limit;

    public HumanTaskUis(CompactedTopicView<HumanTaskUi> view, Publisher publisher, Topics topics, Arns arns,
                        Envelopes envelopes, Clock clock, TemplateRenderer renderer, RenderContext renderContext,
                        int limit) {
        this.view = view;
        this.publisher = publisher;
        this.topics = topics;
        this.arns = arns;
        this.envelopes = envelopes;
        this.clock = clock;
        this.renderer = renderer;
        this.renderContext = renderContext;
        this.limit = limit;
    }

    public HumanTaskUi create(String name, String content, List<Tag> tags) {
        if (view.get(name).isPresent()) {
            throw new RejectedException(Rejection.IN_USE, "Human task UI " + name + " already exists");
        }
        if (view.values().size() >= limit) {
            throw new RejectedException(Rejection.LIMIT_EXCEEDED, "The account-level service limit of "
                    + limit + " human task UIs has been reached");
        }
        List<RenderError> syntax = renderer.render(content, "{}", RenderContext.withoutObjectStorage()).errors()
                .stream().filter(e -> RenderError.Codes.TEMPLATE_SYNTAX.equals(e.code())).toList();
        if (!syntax.isEmpty()) {
            throw RejectedException.invalid("The UiTemplate is not a valid Liquid template: "
                    + syntax.get(0).message());
        }
        HumanTaskUi ui = TaskUis.active(envelopes.next(""), arns, name, content, clock.instant(), tags);
        publisher.write(topics.taskUis, view, name, ui);
        return ui;
    }

    public HumanTaskUi describe(String name) {
        return view.get(name).orElseThrow(() -> RejectedException.notFound("Could not find human task UI with name '"
                + name + "'"));
    }

    public List<HumanTaskUi> list() {
        return List.copyOf(view.values());
    }

    /** Running loops keep their template: task-service archives each template version a loop uses. */
    public void delete(String name) {
        describe(name);
        publisher.write(topics.taskUis, view, name, null);
    }

    /** RenderUiTemplate: a stored template or the given content, rendered as the worker portal renders it. */
    public RenderResult render(String content, String humanTaskUiArn, String taskInput) {
        String template = content;
        if (template == null) {
            String name = Arns.resourceName(humanTaskUiArn, Arns.HUMAN_TASK_UI);
            template = (name == null ? null : view.get(name).map(HumanTaskUi::getContent).orElse(null));
            if (template == null) {
                throw RejectedException.notFound("Could not find human task UI " + humanTaskUiArn);
            }
        }
        return renderer.render(template, taskInput, renderContext);
    }
}
