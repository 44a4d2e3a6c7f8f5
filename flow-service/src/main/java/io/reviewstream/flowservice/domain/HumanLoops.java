package io.reviewstream.flowservice.domain;

import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCommandType;
import io.reviewstream.schemas.avro.LoopStartReply;
import io.reviewstream.schemas.avro.LoopStartRequest;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.HumanLoopStatuses;
import io.reviewstream.schemas.reply.RequestReplyGateway;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.apache.kafka.common.errors.RecordTooLargeException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * The human-loop runtime. StartHumanLoop is a command decided by loop-router on the loop name's partition, so a
 * name is claimed in exactly one place however many flow-service instances receive it; Stop and Delete are
 * commands on rs.loop-commands. Reads come from this instance's view of rs.loop-status (written by
 * result-writer), overlaid with this instance's own recent writes until the view shows them: a Describe right
 * after a Start, Stop or Delete on the same instance reads that call's effect. The quota of InProgress loops per
 * flow is checked against counts that follow both, so that a Start does not read every loop.
 */
public final class HumanLoops {

    /** How long an own write is overlaid at most, should the view never report it (e.g. result-writer is down). */
    static final Duration OVERLAY_TTL = Duration.ofMinutes(5);

    private final CompactedTopicView<LoopStatusEvent> view;
    private final FlowDefinitions flows;
    private final RequestReplyGateway<LoopStartRequest, LoopStartReply> starts;
    private final Publisher publisher;
    private final Topics topics;
    private final Arns arns;
    private final Envelopes envelopes;
    private final Clock clock;
    private final int maxInProgressPerFlow;
    private final Map<String, Overlay> overlays = new ConcurrentHashMap<>();
    /**
     * Every overlay placed, oldest first: an overlay that expires changes what its loop reads as, and this finds
     * the expired ones without a scan. An entry stays until its overlay would have expired even when the view has
     * retired it sooner; recounting its loop then changes nothing.
     */
    private final Queue<Placed> placed = new ConcurrentLinkedQueue<>();
    private final InProgressCounts counts = new InProgressCounts(this::find);

    /** An own write the view has not shown yet; {@code status} null means deleted. */
    private record Overlay(LoopStatusEvent status, Instant placedAt) {
    }

    private record Placed(String name, Instant placedAt) {
    }

    public HumanLoops(CompactedTopicView<LoopStatusEvent> view, FlowDefinitions flows,
                      RequestReplyGateway<LoopStartRequest, LoopStartReply> starts, Publisher publisher,
                      Topics topics, Arns arns, Envelopes envelopes, Clock clock, int maxInProgressPerFlow) {
        this.view = view;
        this.flows = flows;
        this.starts = starts;
        this.publisher = publisher;
        this.topics = topics;
        this.arns = arns;
        this.envelopes = envelopes;
        this.clock = clock;
        this.maxInProgressPerFlow = maxInProgressPerFlow;
    }

    /** The view calls this for every record it reads, from its own thread: its news supersedes an own write. */
    public void viewUpdated(String name, LoopStatusEvent status) {
        overlays.remove(name);
        counts.recount(name);
    }

    /** @return the loop's ARN, or null when a built-in flow's conditions started no loop */
    public String start(String name, String flowDefinitionArn, String inputContent, List<String> contentClassifiers) {
        FlowDefinition flow = flows.startable(flowDefinitionArn);
        String flowName = flow.getName();
        expireOverlays();
        if (counts.inProgress(flowName) >= maxInProgressPerFlow && find(name).isEmpty()) {
            throw new RejectedException(Rejection.QUOTA_EXCEEDED, "Flow definition " + flowName + " already has "
                    + maxInProgressPerFlow + " human loops in progress");
        }
        String correlationId = UUID.randomUUID().toString();
        LoopStartRequest request = LoopStartRequest.newBuilder()
                .setEnvelope(envelopes.next(correlationId))
                .setHumanLoopName(name)
                .setFlowDefinitionName(flowName)
                .setFlowDefinitionArn(flow.getArn())
                .setInputContent(inputContent)
                .setContentClassifiers(contentClassifiers)
                .build();
        LoopStartReply reply;
        try {
            reply = starts.send(request);
        } catch (TimeoutException e) {
            throw new RejectedException(Rejection.UNDECIDED, "loop-router did not answer in time; "
                    + "retrying with the same name and input is safe");
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
                // Kafka's own text names broker limits: the caller needs only to know the input is too large
                throw RejectedException.invalid("The human loop's input is too large to be stored");
            }
            throw e;
        }
        return switch (reply.getOutcome()) {
            case STARTED -> {
                if (reply.getHumanLoopArn() != null && view.get(name).isEmpty()) {
                    overlay(name, LoopStatusEvent.newBuilder()
                            .setEnvelope(envelopes.next(correlationId))
                            .setHumanLoopName(name)
                            .setHumanLoopArn(reply.getHumanLoopArn())
                            .setFlowDefinitionName(flowName)
                            .setFlowDefinitionArn(flow.getArn())
                            .setStatus(HumanLoopStatus.IN_PROGRESS)
                            .setCreationTime(request.getEnvelope().getOccurredAt())
                            .setUpdatedAt(clock.instant())
                            .build());
                }
                yield reply.getHumanLoopArn();
            }
            case ALREADY_STARTED -> reply.getHumanLoopArn();
            case CONFLICT -> throw new RejectedException(Rejection.CONFLICT, reply.getMessage());
            case REJECTED, UNKNOWN -> throw new RejectedException(Rejection.INVALID, reply.getMessage());
        };
    }

    public LoopStatusEvent describe(String name) {
        return find(name).orElseThrow(() -> RejectedException.notFound("Human loop " + name + " not found"));
    }

    /** Loops of a flow definition; an unknown flow definition is ResourceNotFound, as A2I models it. */
    public List<LoopStatusEvent> list(String flowDefinitionArn) {
        String flowName = flows.list().stream().filter(f -> f.getArn().equals(flowDefinitionArn))
                .map(FlowDefinition::getName).findFirst()
                .orElseThrow(() -> RejectedException.notFound("Flow definition " + flowDefinitionArn + " not found"));
        return current().stream().filter(loop -> loop.getFlowDefinitionName().equals(flowName)).toList();
    }

    /** Stopping a loop that is already stopping or stopped changes nothing and succeeds. */
    public void stop(String name) {
        LoopStatusEvent loop = describe(name);
        switch (loop.getStatus()) {
            case IN_PROGRESS -> {
                command(name, LoopCommandType.STOP);
                overlay(name, LoopStatusEvent.newBuilder(loop).setStatus(HumanLoopStatus.STOPPING)
                        .setUpdatedAt(clock.instant()).build());
            }
            case STOPPING, STOPPED -> {
                // already on its way
            }
            default -> throw RejectedException.invalid("Human loop " + name + " is "
                    + HumanLoopStatuses.wire(loop.getStatus()) + "; only InProgress loops can be stopped");
        }
    }

    /** Only finished loops can be deleted (stop an InProgress one first); the output in S3 stays. */
    public void delete(String name) {
        LoopStatusEvent loop = describe(name);
        switch (loop.getStatus()) {
            case COMPLETED, STOPPED, FAILED -> {
                command(name, LoopCommandType.DELETE);
                overlay(name, null);
            }
            default -> throw RejectedException.invalid("Human loop " + name + " is "
                    + HumanLoopStatuses.wire(loop.getStatus()) + "; stop it before deleting it");
        }
    }

    private void command(String name, LoopCommandType type) {
        publisher.send(topics.loopCommands, name, LoopCommand.newBuilder()
                .setEnvelope(envelopes.next(""))
                .setHumanLoopName(name)
                .setType(type)
                .build());
    }

    private void overlay(String name, LoopStatusEvent status) {
        Instant now = clock.instant();
        overlays.put(name, new Overlay(status, now));
        placed.add(new Placed(name, now));
        counts.recount(name);
    }

    /** Recounting reads past an expired overlay (and drops it). */
    private void expireOverlays() {
        Instant now = clock.instant();
        Placed oldest;
        while ((oldest = placed.peek()) != null && expired(oldest.placedAt(), now)) {
            // not poll(): had another Start taken this entry meanwhile, poll would take a newer one, unexpired
            if (placed.remove(oldest)) {
                counts.recount(oldest.name());
            }
        }
    }

    private Optional<LoopStatusEvent> find(String name) {
        Overlay overlay = live(name);
        if (overlay != null) {
            return Optional.ofNullable(overlay.status());
        }
        return view.get(name);
    }

    private List<LoopStatusEvent> current() {
        List<LoopStatusEvent> loops = new ArrayList<>();
        for (LoopStatusEvent loop : view.values()) {
            if (live(loop.getHumanLoopName()) == null) {
                loops.add(loop);
            }
        }
        for (String name : overlays.keySet()) {
            Overlay overlay = live(name);
            if (overlay != null && overlay.status() != null) {
                loops.add(overlay.status());
            }
        }
        return loops;
    }

    private Overlay live(String name) {
        Overlay overlay = overlays.get(name);
        if (overlay != null && expired(overlay.placedAt(), clock.instant())) {
            overlays.remove(name, overlay);
            return null;
        }
        return overlay;
    }

    private static boolean expired(Instant placedAt, Instant now) {
        return placedAt.plus(OVERLAY_TTL).isBefore(now);
    }
}
