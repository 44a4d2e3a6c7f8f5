package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.reply.RequestReplyGateway;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.TeamShard;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claim-next that waits up to a given time for a task instead of answering "nothing" at once (long polling): a
 * worker waiting for work gets a task as soon as it opens, rather than at its next poll, and an idle worker's page
 * asks the queue owners once per wait instead of once per poll.
 *
 * <p>A claim that finds nothing waits in {@link ClaimWaits}; when a task opens in one of the worker's teams it claims
 * again, on a thread of this class (the servlet thread went back to Tomcat while it waited), until it gets a task,
 * an error, or its time is up.
 */
public final class WaitingClaims implements AutoCloseable {

    /** Woken claims at the same time: each is one blocking round trip to a queue owner. */
    private static final int THREADS = 32;

    private final CrossTeamClaims claims;
    private final ClaimWaits waits;
    private final ExecutorService retries;

    public WaitingClaims(RequestReplyGateway<TaskCommand, TaskReply> gateway, Envelopes envelopes,
                         TaskProperties tasks, ClaimWaits waits) {
        this.claims = new CrossTeamClaims(gateway, envelopes, tasks::shardsOf);
        this.waits = waits;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "claim-wait-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.retries = pool;
    }

    /** Plain claim-next: the owner's reply, whatever it is. */
    TaskReply claimNow(List<String> teams, WorkerIdentity worker) throws TimeoutException {
        return claims.claimNext(teams, worker, null);
    }

    /**
     * The first claim runs on the caller's thread; with {@code wait} zero this is plain claim-next. Completes with
     * the owner's reply (EMPTY once {@code wait} has passed without a task), or exceptionally when an owner did not
     * answer in time.
     */
    CompletableFuture<TaskReply> claimNext(List<String> teams, WorkerIdentity worker, Duration wait) {
        CompletableFuture<TaskReply> result = new CompletableFuture<>();
        attempt(teams, worker, null, System.nanoTime() + wait.toNanos(), result);
        return result;
    }

    /** @param first the shard a task just opened in, asked before the team's others; null: any */
    private void attempt(List<String> teams, WorkerIdentity worker, TeamShard first, long deadline,
                         CompletableFuture<TaskReply> result) {
        try {
            long seen = waits.signals(teams);
            TaskReply reply = claims.claimNext(teams, worker, first);
            long left = deadline - System.nanoTime();
            if (reply.getOutcome() != TaskReplyOutcome.EMPTY || left <= 0) {
                result.complete(reply);
                return;
            }
            waits.await(teams, seen, Duration.ofNanos(left)).thenAccept(wakeup -> {
                if (wakeup.opened()) {
                    retries.execute(() -> attempt(teams, worker, wakeup.queue(), deadline, result));
                } else {
                    result.complete(reply);
                }
            });
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
