package io.reviewstream.flowservice.domain;

import io.reviewstream.conditions.ActivationConditions;
import io.reviewstream.conditions.InvalidConditionsException;
import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.Tag;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.StartableFlows;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Flow definitions and their versions. Each definition of a name is a version; loop-router uses the newest
 * version when a prediction or start request arrives, and every loop carries the version it started with.
 *
 * <p>As in A2I, creating a name that exists is refused with ResourceInUse. A new version is published by creating
 * the name again with the tag {@value #PUBLISH_TAG}={@value #NEW_VERSION}, which works from every unmodified SDK;
 * a name created again after a delete also continues the version count. Deleting is immediate for new work:
 * the definition is marked Deleting, so loop-router refuses new loops for it, and loops already running finish
 * with the version they carry.
 */
public final class FlowDefinitions {

    public static final String PUBLISH_TAG = "reviewstream:publish";
    public static final String NEW_VERSION = "new-version";

    private final CompactedTopicView<FlowDefinition> view;
    private final CompactedTopicView<Workteam> workteams;
    private final CompactedTopicView<HumanTaskUi> taskUis;
    private final Publisher publisher;
    private final Topics topics;
    private final Arns arns;
    private final Envelopes envelopes;
    private final Clock clock;
    private final int limit;

    public FlowDefinitions(CompactedTopicView<FlowDefinition> view, CompactedTopicView<Workteam> workteams,
                           CompactedTopicView<HumanTaskUi> taskUis, Publisher publisher, Topics topics, Arns arns,
                           Envelopes envelopes, Clock clock, int limit) {
        this.view = view;
        this.workteams = workteams;
        this.taskUis = taskUis;
        this.publisher = publisher;
        this.topics = topics;
        this.arns = arns;
        this.envelopes = envelopes;
        this.clock = clock;
        this.limit = limit;
    }

    /**
     * @param draft the caller's definition: name, request source, conditions, loop config, output, role, tags
     * @return the stored version
     */
    public FlowDefinition create(FlowDefinition.Builder draft) {
        String name = draft.getName();
        List<Tag> given = draft.hasTags() ? draft.getTags() : List.of();
        boolean newVersion = given.stream()
                .anyMatch(tag -> PUBLISH_TAG.equals(tag.getKey()) && NEW_VERSION.equals(tag.getValue()));
        Optional<FlowDefinition> previous = view.get(name);
        Optional<FlowDefinition> active = previous.filter(FlowDefinitions::exists);
        if (active.isPresent() && !newVersion) {
            throw new RejectedException(Rejection.IN_USE, "Flow definition " + name + " already exists. "
                    + "Create it again with the tag " + PUBLISH_TAG + "=" + NEW_VERSION + " to publish a new version.");
        }
        if (active.isEmpty() && list().size() >= limit) {
            throw new RejectedException(Rejection.LIMIT_EXCEEDED, "The account-level service limit of "
                    + limit + " flow definitions has been reached");
        }
        checkReferences(draft.getHumanLoopConfig());
        try {
            ActivationConditions.compile(draft.getActivationConditions(), draft.getHumanLoopRequestSource());
        } catch (InvalidConditionsException e) {
            throw RejectedException.invalid("Invalid HumanLoopActivationConditions: " + e.getMessage());
        }
        List<Tag> tags = given.stream().filter(tag -> !PUBLISH_TAG.equals(tag.getKey())).toList();
        FlowDefinition stored = draft
                .setEnvelope(envelopes.next(""))
                .setArn(arns.flowDefinition(name))
                .setVersion(previous.map(p -> p.getVersion() + 1).orElse(1))
                .setStatus(FlowDefinitionStatus.ACTIVE)
                .setCreationTime(active.map(FlowDefinition::getCreationTime).orElse(clock.instant()))
                .setTags(tags)
                .build();
        publisher.write(topics.flowDefinitions, view, name, stored);
        return stored;
    }

    public FlowDefinition describe(String name) {
        return view.get(name).filter(FlowDefinitions::exists)
                .orElseThrow(() -> RejectedException.notFound("Could not find flow definition with name '"
                        + name + "'"));
    }

    public List<FlowDefinition> list() {
        return view.values().stream().filter(FlowDefinitions::exists).toList();
    }

    public void delete(String name) {
        FlowDefinition flow = describe(name);
        publisher.write(topics.flowDefinitions, view, name, FlowDefinition.newBuilder(flow)
                .setEnvelope(envelopes.next(""))
                .setStatus(FlowDefinitionStatus.DELETING)
                .build());
    }

    /** The flow definitions that send their loops to a work team. */
    public List<FlowDefinition> usingWorkteam(String workteamName) {
        return list().stream().filter(flow -> flow.getHumanLoopConfig() != null
                && workteamName.equals(Arns.resourceName(flow.getHumanLoopConfig().getWorkteamArn(), Arns.WORKTEAM)))
                .toList();
    }

    private void checkReferences(HumanLoopConfig config) {
        if (config == null) {
            return;
        }
        String team = Arns.resourceName(config.getWorkteamArn(), Arns.WORKTEAM);
        if (team == null || workteams.get(team).isEmpty()) {
            throw RejectedException.invalid("Work team " + config.getWorkteamArn() + " does not exist");
        }
        String ui = Arns.resourceName(config.getHumanTaskUiArn(), Arns.HUMAN_TASK_UI);
        if (ui == null || taskUis.get(ui).isEmpty()) {
            throw RejectedException.invalid("Human task UI " + config.getHumanTaskUiArn() + " does not exist");
        }
    }

    /**
     * The flow definition a StartHumanLoop names, if it can start loops now: as in A2I, a flow whose human task UI
     * was deleted cannot, and neither can one without a HumanLoopConfig (newer models allow creating those).
     */
    public FlowDefinition startable(String flowDefinitionArn) {
        FlowDefinition flow = list().stream().filter(f -> f.getArn().equals(flowDefinitionArn)).findFirst()
                .orElseThrow(() -> RejectedException.invalid("Flow definition " + flowDefinitionArn
                        + " does not exist"));
        String notStartable = StartableFlows.whyNot(flow);
        if (notStartable != null) {
            throw RejectedException.invalid(notStartable);
        }
        String noTaskUi = StartableFlows.whyNoTaskUi(flow, name -> taskUis.get(name).isPresent());
        if (noTaskUi != null) {
            throw RejectedException.invalid(noTaskUi);
        }
        return flow;
    }

    private static boolean exists(FlowDefinition flow) {
        return flow.getStatus() != FlowDefinitionStatus.DELETING;
    }
}
