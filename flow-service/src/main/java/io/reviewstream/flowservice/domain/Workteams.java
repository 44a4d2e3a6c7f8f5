package io.reviewstream.flowservice.domain;

import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Private work teams. task-service reads the same topic, so a membership change reaches the worker portal without
 * a restart: a team's members are the workers in its OIDC groups (a Cognito member definition counts as the group
 * named by its UserGroup).
 */
public final class Workteams {

    private final CompactedTopicView<Workteam> view;
    private final FlowDefinitions flows;
    private final Publisher publisher;
    private final Topics topics;
    private final Arns arns;
    private final Envelopes envelopes;
    private final Clock clock;
    private final int limit;

    public Workteams(CompactedTopicView<Workteam> view, FlowDefinitions flows, Publisher publisher,
                     Topics topics, Arns arns, Envelopes envelopes, Clock clock, int limit) {
        this.view = view;
        this.flows = flows;
        this.publisher = publisher;
        this.topics = topics;
        this.arns = arns;
        this.envelopes = envelopes;
        this.clock = clock;
        this.limit = limit;
    }

    /** @param draft name, description, members, workforce, notification, access configuration, tags */
    public Workteam create(Workteam.Builder draft) {
        String name = draft.getName();
        if (view.get(name).isPresent()) {
            throw new RejectedException(Rejection.IN_USE, "Work team " + name + " already exists");
        }
        if (view.values().size() >= limit) {
            throw new RejectedException(Rejection.LIMIT_EXCEEDED, "The account-level service limit of "
                    + limit + " work teams has been reached");
        }
        Workteam team = draft
                .setEnvelope(envelopes.next(""))
                .setArn(arns.workteam(name))
                .setCreateDate(clock.instant())
                .setLastUpdatedDate(clock.instant())
                .build();
        publisher.write(topics.workteams, view, name, team);
        return team;
    }

    public Workteam describe(String name) {
        return view.get(name).orElseThrow(() -> RejectedException.notFound("Could not find work team with name '"
                + name + "'"));
    }

    public List<Workteam> list() {
        return List.copyOf(view.values());
    }

    /** Applies the given changes; members given replace the team's members, as in A2I. */
    public Workteam update(String name, Consumer<Workteam.Builder> changes) {
        Workteam.Builder team = Workteam.newBuilder(describe(name));
        changes.accept(team);
        Workteam updated = team.setEnvelope(envelopes.next("")).setLastUpdatedDate(clock.instant()).build();
        publisher.write(topics.workteams, view, name, updated);
        return updated;
    }

    /** A team that a flow definition sends loops to stays, or those loops would have nobody to review them. */
    public void delete(String name) {
        describe(name);
        List<String> users = flows.usingWorkteam(name).stream().map(FlowDefinition::getName).toList();
        if (!users.isEmpty()) {
            throw new RejectedException(Rejection.IN_USE, "Work team " + name
                    + " is used by the flow definitions " + users);
        }
        publisher.write(topics.workteams, view, name, null);
    }
}
