package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.reply.RequestReplyGateway;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.view.CompactedTopicView;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.TeamShard;
import io.reviewstream.taskservice.domain.Workers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many workers claim at the same moment, through Kafka: nobody gets a task twice, from one queue, across the
 * queues of several teams, or across the shards of one team.
 */
class ConcurrentClaimTest extends RunningTaskService {

    private static final int LOOPS = 120;
    private static final int WORKERS = 200;

    @Autowired
    RequestReplyGateway<TaskCommand, TaskReply> gateway;
    @Autowired
    CompactedTopicView<TeamQueue> teamQueuesView;
    @Autowired
    TaskProperties tasks;

    @Test
    void twoHundredConcurrentClaimersNeverGetTheSameTask() throws Exception {
        seed();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < LOOPS; i++) {
            startLoop("c" + run + "-" + i, "crowd", 1);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (teamQueuesView.get("crowd").map(TeamQueue::getOpen).orElse(0) < LOOPS) {
            assertThat(Instant.now()).as("all loops queued").isBefore(deadline);
            Thread.sleep(100);
        }

        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TaskReply>> claims = new ArrayList<>();
        try {
            for (int w = 0; w < WORKERS; w++) {
                TaskCommand claim = TaskCommand.newBuilder()
                        .setEnvelope(envelopes.next(UUID.randomUUID().toString()))
                        .setTeam("crowd").setType(TaskCommandType.CLAIM_NEXT)
                        .setWorker(Workers.identity("Oidc", "https://issuer.test", "worker-" + run + "-" + w))
                        .build();
                claims.add(pool.submit(() -> {
                    go.await();
                    return gateway.send(claim);
                }));
            }
            go.countDown();
            List<String> claimed = new ArrayList<>();
            int empty = 0;
            for (Future<TaskReply> claim : claims) {
                TaskReply reply = claim.get();
                if (reply.getOutcome() == TaskReplyOutcome.OK) {
                    claimed.add(reply.getTask().getTaskId());
                } else {
                    assertThat(reply.getOutcome()).isEqualTo(TaskReplyOutcome.EMPTY);
                    empty++;
                }
            }
            assertThat(claimed).hasSize(LOOPS).doesNotHaveDuplicates();
            assertThat(empty).isEqualTo(WORKERS - LOOPS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workersInTwoTeamsClaimingAtOnceDrainTheMoreUrgentTeamFirstAndNeverShareATask() throws Exception {
        seed();
        String run = UUID.randomUUID().toString().substring(0, 6);
        String relaxed = "relaxed-" + run;
        String urgent = "urgent-" + run;
        int perTeam = 30;
        int workers = 40;
        for (int i = 0; i < perTeam; i++) {
            startLoop("r" + run + "-" + i, relaxed, 1, null, 1200);
            startLoop("u" + run + "-" + i, urgent, 1, null, 600);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (teamQueuesView.get(relaxed).map(TeamQueue::getOpen).orElse(0) < perTeam
                || teamQueuesView.get(urgent).map(TeamQueue::getOpen).orElse(0) < perTeam) {
            assertThat(Instant.now()).as("all loops queued").isBefore(deadline);
            Thread.sleep(100);
        }

        CrossTeamClaims claims = new CrossTeamClaims(gateway, envelopes, tasks::shardsOf);
        // the relaxed team comes first alphabetically, so draining teams in name order would claim from it first
        List<String> teams = List.of(relaxed, urgent);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TaskReply>> replies = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                var worker = Workers.identity("Oidc", "https://issuer.test", "multi-" + run + "-" + w);
                replies.add(pool.submit(() -> {
                    go.await();
                    return claims.claimNext(teams, worker, null);
                }));
            }
            go.countDown();
            List<String> claimed = new ArrayList<>();
            for (Future<TaskReply> reply : replies) {
                assertThat(reply.get().getOutcome()).as(reply.get().getMessage()).isEqualTo(TaskReplyOutcome.OK);
                claimed.add(reply.get().getTask().getTaskId());
            }
            assertThat(claimed).doesNotHaveDuplicates();
            assertThat(claimed.stream().filter(id -> id.startsWith(urgent + "."))).as("every urgent task first")
                    .hasSize(perTeam);
            assertThat(claimed.stream().filter(id -> id.startsWith(relaxed + "."))).hasSize(workers - perTeam);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workersRacingOverTheShardsOfOneTeamAndForOneTaskEachGetADifferentTaskOrNone() throws Exception {
        seed();
        String run = UUID.randomUUID().toString().substring(0, 6);
        int loops = 60;
        for (int i = 0; i < loops; i++) {
            startLoop("s" + run + "-" + i, "sharded", 1);
        }
        awaitShardedOpen(loops);
        CrossTeamClaims claims = new CrossTeamClaims(gateway, envelopes, tasks::shardsOf);
        List<TaskReply> replies = race(100, w -> claims.claimNext(List.of("sharded"),
                Workers.identity("Oidc", "https://issuer.test", "sharded-" + run + "-" + w), null));
        List<String> claimed = replies.stream().filter(r -> r.getOutcome() == TaskReplyOutcome.OK)
                .map(r -> r.getTask().getTaskId()).toList();
        assertThat(claimed).hasSize(loops).doesNotHaveDuplicates();
        assertThat(replies).filteredOn(r -> r.getOutcome() != TaskReplyOutcome.OK).hasSize(100 - loops)
                .allMatch(r -> r.getOutcome() == TaskReplyOutcome.EMPTY);
        assertThat(claimed.stream().map(id -> TaskIds.parse(id).shard()).distinct()).as("loops in every shard")
                .hasSize(RunningTaskService.SHARDS);

        // one task left in the whole team, fifty workers after it
        String last = "s" + run + "-last";
        startLoop(last, "sharded", 1);
        awaitShardedOpen(1);
        List<TaskReply> forOne = race(50, w -> claims.claimNext(List.of("sharded"),
                Workers.identity("Oidc", "https://issuer.test", "one-" + run + "-" + w), null));
        List<TaskReply> winners = forOne.stream().filter(r -> r.getOutcome() == TaskReplyOutcome.OK).toList();
        assertThat(winners).hasSize(1);
        assertThat(winners.get(0).getTask().getHumanLoopName()).isEqualTo(last);
        String taskId = winners.get(0).getTask().getTaskId();
        assertThat(TaskIds.parse(taskId).queue()).as("the id names the shard that owns it")
                .isEqualTo(TeamShard.ofLoop("sharded", last, RunningTaskService.SHARDS));

        // the holder and nineteen others answer it at once: only the holder's answer counts
        String holder = winners.get(0).getTask().getTaskId();
        int winner = forOne.indexOf(winners.get(0));
        List<TaskReply> answers = race(20, w -> gateway.send(TaskCommand.newBuilder()
                .setEnvelope(envelopes.next(UUID.randomUUID().toString()))
                .setTeam("sharded").setShard(TaskIds.parse(holder).shard()).setType(TaskCommandType.ANSWER)
                .setTaskId(holder).setAnswerContent("{\"label\":\"cat\"}")
                .setWorker(Workers.identity("Oidc", "https://issuer.test", "one-" + run + "-" + (w == 0 ? winner
                        : 1000 + w)))
                .build()));
        assertThat(answers).filteredOn(r -> r.getOutcome() == TaskReplyOutcome.OK).hasSize(1);
        assertThat(answers).filteredOn(r -> r.getOutcome() != TaskReplyOutcome.OK)
                .allMatch(r -> r.getOutcome() == TaskReplyOutcome.FORBIDDEN);
        assertThat(committedAnswers(last).getAnswers()).hasSize(1);
    }

    @FunctionalInterface
    private interface Worker {
        TaskReply act(int worker) throws Exception;
    }

    /** Starts {@code workers} callers at the same moment and gathers their replies. */
    private static List<TaskReply> race(int workers, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<TaskReply>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int id = w;
                futures.add(pool.submit(() -> {
                    go.await();
                    return worker.act(id);
                }));
            }
            go.countDown();
            List<TaskReply> replies = new ArrayList<>();
            for (Future<TaskReply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until the shards of the team "sharded" count {@code open} open tasks together. */
    private void awaitShardedOpen(int open) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            int total = 0;
            for (int shard = 0; shard < RunningTaskService.SHARDS; shard++) {
                total += teamQueuesView.get(new TeamShard("sharded", shard).key()).map(TeamQueue::getOpen).orElse(0);
            }
            if (total == open) {
                return;
            }
            assertThat(Instant.now()).as(open + " tasks queued in the shards").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
