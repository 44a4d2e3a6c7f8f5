package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.reply.RequestReplyGateway;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.view.CompactedTopicView;
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

/** Two hundred workers claim from one queue at the same moment, through Kafka: nobody gets a task twice. */
class ConcurrentClaimTest extends RunningTaskService {

    private static final int LOOPS = 120;
    private static final int WORKERS = 200;

    @Autowired
    RequestReplyGateway<TaskCommand, TaskReply> gateway;
    @Autowired
    CompactedTopicView<TeamQueue> teamQueuesView;

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
}
