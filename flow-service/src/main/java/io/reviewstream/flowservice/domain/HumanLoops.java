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
import io.reviewstream.schemas.status.LoopStatusStore;
import org.apache.kafka.common.errors.RecordTooLargeException;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.TimeoutException;

/**
 * The human-loop runtime. StartHumanLoop is a command decided by loop-router on the loop name's partition, so a
 * name is claimed in exactly one place however many flow-service instances receive it; Stop and Delete are
 * commands on rs.loop-commands. Reads come from the {@link LoopStatusStore} of rs.loop-status (written by
 * result-writer), overlaid with this instance's own recent writes until the store shows them ({@link OwnWrites}):
 * a Describe right after a Start, Stop or Delete on the same instance reads that call's effect. The quota of
 * InProgress loops per flow is checked against the store's per-flow count adjusted by those overlays, so that a
 * Start reads no loop but its own.
 */
public final class HumanLoops {

    private final LoopStatusStore store;
    private final FlowDefinitions flows;
    private final RequestReplyGateway<LoopStartRequest, LoopStartReply> starts;
    private final Publisher publisher;
    private final Topics topics;
    private final Arns arns;
    private final Envelopes envelopes;
    private final Clock clock;
    private final int maxInProgressPerFlow;
    private final OwnWrites own;

    public HumanLoops(LoopStatusStore store, FlowDefinitions flows,
                      RequestReplyGateway<LoopStartRequest, LoopStartReply> starts, Publisher publisher,
                      Topics topics, Arns arns, Envelopes envelopes, Clock clock, int maxInProgressPerFlow) {
        this.store = store;
        this.flows = flows;
        this.starts = starts;
        this.publisher = publisher;
        this.topics = topics;
        this.arns = arns;
        this.envelopes = envelopes;
        this.clock = clock;
        this.maxInProgressPerFlow = maxInProgressPerFlow;
        this.own = new OwnWrites(store::inProgressFlow, clock);
    }

    /** The store's reader calls this for every loop it has just stored, from its own thread. */
    public void stored(String name) {
        own.retire(name);
    }

    /** @return the loop's ARN, or null when a built-in flow's conditions started no loop */
    public String start(String name, String flowDefinitionArn, String inputContent, List<String> contentClassifiers) {
        FlowDefinition flow = flows.startable(flowDefinitionArn);
        String flowName = flow.getName();
        if (inProgress(flowName) >= maxInProgressPerFlow && find(name).isEmpty()) {
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
                if (reply.getHumanLoopArn() != null && store.get(name).isEmpty()) {
                    own.place(name, LoopStatusEvent.newBuilder()
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

    /**
     * Up to {@code limit} loops of a flow definition created within {@code [fromMillis, toMillis]}, in order of
     * creation time and then name, after {@code after} (exclusive) when given. One bounded range scan of the store,
     * merged with this instance's overlays of the flow. An unknown flow definition is ResourceNotFound, as A2I
     * models it.
     */
    public List<LoopStatusEvent> list(String flowDefinitionArn, long fromMillis, long toMillis,
                                      LoopStatusStore.Position after, boolean descending, int limit) {
        String flowName = flows.list().stream().filter(f -> f.getArn().equals(flowDefinitionArn))
                .map(FlowDefinition::getName).findFirst()
                .orElseThrow(() -> RejectedException.notFound("Flow definition " + flowDefinitionArn + " not found"));
        Comparator<LoopStatusStore.Position> ascending = Comparator.comparingLong(LoopStatusStore.Position::creationMillis)
                .thenComparing(LoopStatusStore.Position::name);
        Comparator<LoopStatusStore.Position> order = descending ? ascending.reversed() : ascending;
        List<LoopStatusEvent> stored = store.page(flowName, fromMillis, toMillis, after, descending, limit,
                name -> own.live(name) == null);
        List<LoopStatusEvent> overlaid = own.of(flowName).stream().filter(loop -> {
            LoopStatusStore.Position position = position(loop);
            return position.creationMillis() >= fromMillis && position.creationMillis() <= toMillis
                    && (after == null || order.compare(position, after) > 0);
        }).toList();
        if (overlaid.isEmpty()) {
            return stored;
        }
        return Stream.concat(stored.stream(), overlaid.stream())
                .sorted(Comparator.comparing(HumanLoops::position, order)).limit(limit).toList();
    }

    private static LoopStatusStore.Position position(LoopStatusEvent loop) {
        return new LoopStatusStore.Position(loop.getCreationTime().toEpochMilli(), loop.getHumanLoopName());
    }

    /** The flow's InProgress loops as this instance knows them: the store's count with its own writes. */
    private long inProgress(String flowName) {
        return store.inProgress(flowName) + own.adjustment(flowName);
    }

    /** Stopping a loop that is already stopping or stopped changes nothing and succeeds. */
    public void stop(String name) {
        LoopStatusEvent loop = describe(name);
        switch (loop.getStatus()) {
            case IN_PROGRESS -> {
                command(name, LoopCommandType.STOP, LoopStatusEvent.newBuilder(loop)
                        .setStatus(HumanLoopStatus.STOPPING).setUpdatedAt(clock.instant()).build());
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
                command(name, LoopCommandType.DELETE, null);
            }
            default -> throw RejectedException.invalid("Human loop " + name + " is "
                    + HumanLoopStatuses.wire(loop.getStatus()) + "; stop it before deleting it");
        }
    }

    /**
     * Sends the command with its effect overlaid from before the send: the loop may end, and the store report it,
     * before the send returns (a Stop that withdraws every task), and an overlay placed after that news would hide
     * it until the overlay expires. Should the send fail, the overlay goes.
     */
    private void command(String name, LoopCommandType type, LoopStatusEvent effect) {
        own.place(name, effect);
        try {
            publisher.send(topics.loopCommands, name, LoopCommand.newBuilder()
                    .setEnvelope(envelopes.next(""))
                    .setHumanLoopName(name)
                    .setType(type)
                    .build());
        } catch (RuntimeException e) {
            own.retire(name);
            throw e;
        }
    }

    private Optional<LoopStatusEvent> find(String name) {
        OwnWrites.Overlay overlay = own.live(name);
        if (overlay != null) {
            return Optional.ofNullable(overlay.status());
        }
        return store.get(name);
    }
}
