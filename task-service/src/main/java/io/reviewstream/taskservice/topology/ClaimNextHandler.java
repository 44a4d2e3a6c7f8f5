package io.reviewstream.taskservice.topology;

import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskEventType;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.QueueRanks;
import io.reviewstream.taskservice.domain.TeamShard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * CLAIM_NEXT: the next task of the team's queue (or of the command's shard of it) for this worker becomes theirs for the flow's TaskTimeLimitInSeconds.
 *
 * <p>A worker in several teams first asks every team for its next task (PEEK_NEXT) and then claims in the team
 * whose task ranks first, bounded by the best rank of the other teams: if this team has, by now, nothing as good,
 * the claim is refused with CONFLICT and the caller looks again, so each decision is still taken by the team's
 * single writer.
 *
 * <p>A claim that reaches the owner when its caller has stopped waiting claims nothing. The caller waits
 * {@code reply-timeout} from the moment it wrote the command (its envelope's {@code occurredAt}) and then answers
 * 503; a claim applied after that would hold a task for a worker who never learned of it, until the lease ends, and
 * under overload that is every late claim: the queue would drain into leases nobody works on. The owner therefore
 * refuses a claim once less than {@link #REPLY_ALLOWANCE} of the caller's wait is left, the time the reply needs to
 * be committed and read. This takes the instances' clocks to agree within that allowance.
 */
final class ClaimNextHandler implements WorkerCommandHandler {

    private final QueueStores stores;
    private final TaskEvents events;
    private final QueueMetrics metrics;
    private final TaskProperties properties;
    /** What is left of a caller's wait when the owner stops claiming for it, at most half the wait. */
    static final Duration REPLY_ALLOWANCE = Duration.ofSeconds(1);

    private final Clock clock;

    ClaimNextHandler(QueueStores stores, TaskEvents events, QueueMetrics metrics, TaskProperties properties,
                     Clock clock) {
        this.stores = stores;
        this.events = events;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Either<Rejection, Accepted> handle(TaskCommand command) {
        String team = command.getTeam();
        Instant now = clock.instant();
        if (now.isAfter(lastMomentToClaim(command))) {
            metrics.claimTooLate(team);
            return Rejection.conflict("The queue of team " + team + " is too busy to answer in time; try again");
        }
        Optional<QueueStores.Next> found = stores.next(new TeamShard(team, command.getShard()).key(),
                command.getWorker());
        if (found.isEmpty()) {
            return Rejection.empty("No task is waiting for you in team " + team);
        }
        QueueStores.Next next = found.get();
        if (command.getRankedNoLaterThan() != null
                && QueueRanks.ORDER.compare(TaskViews.rank(next.loop()), command.getRankedNoLaterThan()) > 0) {
            return Rejection.conflict("A task of another team now comes before team " + team + "'s next task");
        }
        stores.claim(next, command.getWorker(), now, now.plus(taskTimeLimit(next.loop().getLoop())));
        events.happened(TaskEventType.CLAIMED, next.loop(), next.task(), now);
        metrics.claimed(team, TaskViews.flow(next.loop()),
                Duration.between(next.loop().getLoop().getCreationTime(), now));
        return Accepted.with(TaskViews.view(next.loop(), next.task()));
    }

    private Instant lastMomentToClaim(TaskCommand command) {
        Duration wait = properties.replyTimeout();
        Duration allowance = REPLY_ALLOWANCE.compareTo(wait.dividedBy(2)) < 0 ? REPLY_ALLOWANCE : wait.dividedBy(2);
        return command.getEnvelope().getOccurredAt().plus(wait).minus(allowance);
    }

    private Duration taskTimeLimit(LoopStarted loop) {
        HumanLoopConfig config = loop.getFlowDefinition().getHumanLoopConfig();
        return config != null && config.getTaskTimeLimitInSeconds() != null
                ? Duration.ofSeconds(config.getTaskTimeLimitInSeconds()) : properties.defaultTaskTimeLimit();
    }
}
