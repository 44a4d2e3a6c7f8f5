package io.reviewstream.taskservice.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopCommand;
import io.reviewstream.schemas.avro.LoopCommandType;
import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.avro.QueueRank;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskCommandType;
import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TaskReplyOutcome;
import io.reviewstream.schemas.avro.TaskStatus;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.event.TaskUis;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.streams.StreamsApp;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.embedded.MutableClock;
import io.reviewstream.taskservice.config.TaskProperties;
import io.reviewstream.taskservice.domain.TaskIds;
import io.reviewstream.taskservice.domain.TeamShard;
import io.reviewstream.taskservice.domain.Workers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's whole lifecycle, driven by commands and the wall clock, asserted on the events it emits. */
class TaskServiceTopologyTest {

    private static final String TEAM = "demo-team";
    /** A team whose queue is spread over three shards. */
    private static final String BIG_TEAM = "big-team";
    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final Envelopes envelopes = new Envelopes(clock);
    private final SerdeFactory serdes = new SerdeFactory(
            new SchemaRegistryClient(EmbeddedInfra.shared().schemaRegistryUrl()), envelopes);
    private final Topics topics = new Topics("t" + UUID.randomUUID().toString().substring(0, 8) + ".", serdes);
    private final Arns arns = new Arns("us-east-1", "111122223333");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TaskProperties properties = new TaskProperties("tasks-test", "unused", 1, Duration.ofSeconds(5),
            Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(10), Duration.ofDays(1), 100,
            DataSize.ofKilobytes(256), Duration.ofMillis(100), 1, Map.of(BIG_TEAM, 3), Duration.ofSeconds(20), 100);
    private final WorkerIdentity alice = Workers.identity("Oidc", "https://issuer.test", "alice");
    private final WorkerIdentity bob = Workers.identity("Oidc", "https://issuer.test", "bob");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, LoopStarted> loops;
    private TestInputTopic<String, LoopCommand> loopCommands;
    private TestInputTopic<String, TaskCommand> commands;
    private TestInputTopic<String, HumanTaskUi> taskUis;
    private TestOutputTopic<String, TaskReply> replies;
    private TestOutputTopic<String, LoopAnswers> answers;
    private TestOutputTopic<String, TeamQueue> queues;
    private TestOutputTopic<String, TaskEvent> taskEvents;
    private TestOutputTopic<String, HumanTaskUi> templates;

    @BeforeEach
    void start() {
        Properties props = StreamsApp.settings(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "tasks-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                // not the shared default under /tmp, which another run of this test may be using
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()), "task-service", topics.deadLetters.name(), meters);
        driver = new TopologyTestDriver(TaskServiceTopology.build(topics, serdes, envelopes, clock, properties, meters),
                props, START);
        Topic<String, TaskCommand> commandsTopic = TaskServiceTopology.commandsTopic(topics, serdes);
        Topic<String, TaskReply> repliesTopic = TaskServiceTopology.repliesTopic(topics, serdes);
        Topic<String, TeamQueue> queuesTopic = topics.taskQueues;
        Topic<String, HumanTaskUi> templatesTopic = TaskServiceTopology.templatesTopic(topics, serdes);
        loops = driver.createInputTopic(topics.loops.name(), Serdes.String().serializer(),
                topics.loops.valueSerde().serializer());
        loopCommands = driver.createInputTopic(topics.loopCommands.name(), Serdes.String().serializer(),
                topics.loopCommands.valueSerde().serializer());
        taskUis = driver.createInputTopic(topics.taskUis.name(), Serdes.String().serializer(),
                topics.taskUis.valueSerde().serializer());
        commands = driver.createInputTopic(commandsTopic.name(), Serdes.String().serializer(),
                commandsTopic.valueSerde().serializer());
        replies = driver.createOutputTopic(repliesTopic.name(), Serdes.String().deserializer(),
                repliesTopic.valueSerde().deserializer());
        answers = driver.createOutputTopic(topics.answers.name(), Serdes.String().deserializer(),
                topics.answers.valueSerde().deserializer());
        queues = driver.createOutputTopic(queuesTopic.name(), Serdes.String().deserializer(),
                queuesTopic.valueSerde().deserializer());
        taskEvents = driver.createOutputTopic(topics.taskEvents.name(), Serdes.String().deserializer(),
                topics.taskEvents.valueSerde().deserializer());
        templates = driver.createOutputTopic(templatesTopic.name(), Serdes.String().deserializer(),
                templatesTopic.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aClaimedAndAnsweredTaskEndsTheLoopWithTheWorkersAnswer() {
        startLoop("loop-1", 1, null, null);
        TaskReply claim = claim(alice);
        assertThat(claim.getOutcome()).isEqualTo(TaskReplyOutcome.OK);
        assertThat(claim.getTask().getTaskId()).isEqualTo("demo-team.loop-1.0");
        assertThat(claim.getTask().getInputContent()).isEqualTo("{\"label\":\"cat\",\"confidence\":0.42}");
        assertThat(claim.getTask().getHumanTaskUiArn()).isEqualTo(arns.humanTaskUi("demo-classifier"));
        assertThat(claim.getTask().getLeaseExpiresAt()).isEqualTo(START.plus(Duration.ofHours(1)));

        advance(Duration.ofSeconds(40));
        TaskReply answer = answer(alice, "demo-team.loop-1.0", "{\"label\":\"dog\"}", null);
        assertThat(answer.getOutcome()).isEqualTo(TaskReplyOutcome.OK);

        LoopAnswers ended = answers.readValue();
        assertThat(ended.getOutcome()).isEqualTo(LoopOutcome.ANSWERED);
        assertThat(ended.getHumanLoopName()).isEqualTo("loop-1");
        assertThat(ended.getLoop().getHumanLoopName()).isEqualTo("loop-1");
        HumanAnswer human = ended.getAnswers().get(0);
        assertThat(human.getWorkerId()).isEqualTo(alice.getWorkerId()).matches("[0-9a-f]{16}");
        assertThat(human.getIdentityProviderType()).isEqualTo("Oidc");
        assertThat(human.getIssuer()).isEqualTo("https://issuer.test");
        assertThat(human.getSubject()).isEqualTo("alice");
        assertThat(human.getAcceptanceTime()).isEqualTo(START);
        assertThat(human.getSubmissionTime()).isEqualTo(START.plusSeconds(40));
        assertThat(human.getTimeSpentInSeconds()).isEqualTo(40.0);
        assertThat(human.getAnswerContent()).isEqualTo("{\"label\":\"dog\"}");
        assertThat(answers.isEmpty()).isTrue();
        assertThat(meters.get("reviewstream.answers.submitted").tag("team", TEAM).counter().count()).isEqualTo(1);
        assertThat(meters.get("reviewstream.loops.ended.by.tasks").tag("outcome", "answered").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aTextractTaskShowsItsTemplateTheFormKeysTheConditionsAreAbout() {
        startLoop("textract-1", 1, null, null, arns.workteam(TEAM), flow -> flow
                .setHumanLoopRequestSource("AWS/Textract/AnalyzeDocument/Forms/V1")
                .setActivationConditions("{\"Conditions\":[{\"ConditionType\":\"MissingImportantFormKey\","
                        + "\"ConditionParameters\":{\"ImportantFormKey\":\"Date of birth\","
                        + "\"ImportantFormKeyAliases\":[\"DOB\"]}}]}"));
        TaskReply claim = claim(alice);
        assertThat(claim.getTask().getInputContent()).contains("\"humanLoopContext\":{\"importantFormKeys\":"
                + "[{\"importantFormKey\":\"Date of birth\",\"importantFormKeyAliases\":[\"DOB\"]}]}");
    }

    @Test
    void aTaskIsNeverGivenTwiceAndNobodyAnswersALoopTwice() {
        startLoop("loop-1", 1, null, null);
        assertThat(claim(alice).getOutcome()).isEqualTo(TaskReplyOutcome.OK);
        assertThat(claim(bob).getOutcome()).isEqualTo(TaskReplyOutcome.EMPTY);
        assertThat(claim(alice).getOutcome()).isEqualTo(TaskReplyOutcome.EMPTY);
    }

    @Test
    void twoTasksOfOneLoopGoToTwoDistinctWorkers() {
        startLoop("loop-1", 2, null, null);
        TaskReply first = claim(alice);
        assertThat(claim(alice).getOutcome()).as("one worker, one answer per loop").isEqualTo(TaskReplyOutcome.EMPTY);
        TaskReply second = claim(bob);
        assertThat(second.getTask().getTaskId()).isNotEqualTo(first.getTask().getTaskId());

        answer(alice, first.getTask().getTaskId(), "{\"label\":\"cat\"}", null);
        assertThat(answers.isEmpty()).as("one answer of two").isTrue();
        answer(bob, second.getTask().getTaskId(), "{\"label\":\"dog\"}", null);

        LoopAnswers ended = answers.readValue();
        assertThat(ended.getOutcome()).isEqualTo(LoopOutcome.ANSWERED);
        assertThat(ended.getAnswers()).extracting(HumanAnswer::getWorkerId)
                .containsExactly(alice.getWorkerId(), bob.getWorkerId());
    }

    @Test
    void answersAndReleasesAreRejectedWithTypedReasons() {
        startLoop("loop-1", 1, null, null);
        assertThat(answer(alice, "demo-team.nope.0", "{}", null).getOutcome()).isEqualTo(TaskReplyOutcome.NOT_FOUND);
        assertThat(release(alice, "demo-team.nope.0").getOutcome()).isEqualTo(TaskReplyOutcome.NOT_FOUND);
        assertThat(answer(alice, "demo-team.loop-1.0", "{}", null).getOutcome())
                .as("never claimed by alice").isEqualTo(TaskReplyOutcome.FORBIDDEN);
        claim(alice);
        assertThat(answer(bob, "demo-team.loop-1.0", "{}", null).getOutcome()).as("alice's task")
                .isEqualTo(TaskReplyOutcome.FORBIDDEN);
        assertThat(release(bob, "demo-team.loop-1.0").getOutcome()).isEqualTo(TaskReplyOutcome.FORBIDDEN);
        assertThat(answer(alice, "demo-team.loop-1.0", "[1,2]", null).getOutcome())
                .isEqualTo(TaskReplyOutcome.INVALID);
        assertThat(view(bob, "demo-team.loop-1.0").getOutcome()).isEqualTo(TaskReplyOutcome.FORBIDDEN);
        assertThat(view(alice, "demo-team.loop-1.0").getTask().getTaskId()).isEqualTo("demo-team.loop-1.0");
        assertThat(answers.isEmpty()).isTrue();
        assertThat(meters.find("reviewstream.tasks.claim.conflicts").counter()).as("no lease was lost").isNull();
    }

    @Test
    void aWorkerWhoLostTheLeaseGetsAConflictWhileTheNewHolderIsTheOnlyOneWhoMayAnswer() {
        startLoop("loop-1", 1, 60, null);
        claim(alice);
        advance(Duration.ofSeconds(61));
        assertThat(release(alice, "demo-team.loop-1.0").getOutcome()).as("re-queued")
                .isEqualTo(TaskReplyOutcome.CONFLICT);
        claim(bob);
        assertThat(answer(alice, "demo-team.loop-1.0", "{}", null).getOutcome()).as("lost to bob")
                .isEqualTo(TaskReplyOutcome.CONFLICT);
        assertThat(view(alice, "demo-team.loop-1.0").getOutcome()).isEqualTo(TaskReplyOutcome.CONFLICT);
        WorkerIdentity carol = Workers.identity("Oidc", "https://issuer.test", "carol");
        assertThat(answer(carol, "demo-team.loop-1.0", "{}", null).getOutcome()).isEqualTo(TaskReplyOutcome.FORBIDDEN);
        assertThat(meters.get("reviewstream.tasks.claim.conflicts").tag("team", TEAM).counter().count())
                .isEqualTo(1);
        assertThat(answer(bob, "demo-team.loop-1.0", "{}", null).getOutcome()).isEqualTo(TaskReplyOutcome.OK);
        assertThat(answer(carol, "demo-team.loop-1.0", "{}", "k").getOutcome()).as("answered by bob")
                .isEqualTo(TaskReplyOutcome.FORBIDDEN);
    }

    @Test
    void peekingShowsTheNextTaskAndItsRankWithoutClaimingIt() {
        startLoop("relaxed", 1, null, 3600);
        startLoop("urgent", 1, null, 600);
        TaskReply peek = send(command(TaskCommandType.PEEK_NEXT, alice).build());
        assertThat(peek.getOutcome()).isEqualTo(TaskReplyOutcome.OK);
        assertThat(peek.getTask().getHumanLoopName()).isEqualTo("urgent");
        assertThat(peek.getTask().getRank().getAvailableUntil()).isEqualTo(START.plusSeconds(600));
        assertThat(peek.getTask().getRank().getCreatedAt()).isEqualTo(START);
        assertThat(claim(bob).getTask().getHumanLoopName()).as("the peek claimed nothing").isEqualTo("urgent");
        assertThat(send(command(TaskCommandType.PEEK_NEXT, bob).build()).getTask().getHumanLoopName())
                .as("not the loop bob holds").isEqualTo("relaxed");
        claim(alice);
        assertThat(send(command(TaskCommandType.PEEK_NEXT, Workers.identity("Oidc", "https://issuer.test", "carol"))
                .build()).getOutcome()).isEqualTo(TaskReplyOutcome.EMPTY);
    }

    @Test
    void aClaimBoundedByAnotherTeamsBestTaskIsRefusedWhenThisTeamHasNothingAsGood() {
        startLoop("relaxed", 1, null, 3600);
        QueueRank otherTeamsBest = new QueueRank(START.plusSeconds(1800), START);
        TaskReply refused = send(command(TaskCommandType.CLAIM_NEXT, alice).setRankedNoLaterThan(otherTeamsBest)
                .build());
        assertThat(refused.getOutcome()).isEqualTo(TaskReplyOutcome.CONFLICT);
        startLoop("urgent", 1, null, 600);
        TaskReply claimed = send(command(TaskCommandType.CLAIM_NEXT, alice).setRankedNoLaterThan(otherTeamsBest)
                .build());
        assertThat(claimed.getTask().getHumanLoopName()).isEqualTo("urgent");
        assertThat(send(command(TaskCommandType.CLAIM_NEXT, bob)
                .setRankedNoLaterThan(new QueueRank(START.plusSeconds(3600), START)).build())
                .getTask().getHumanLoopName()).as("a tie with the other team's best may be claimed")
                .isEqualTo("relaxed");
    }

    @Test
    void anExpiredLeaseReturnsTheTaskAndItsHolderCanNoLongerAnswer() {
        startLoop("loop-1", 1, 60, null);
        claim(alice);
        advance(Duration.ofSeconds(61));
        assertThat(claim(bob).getOutcome()).isEqualTo(TaskReplyOutcome.OK);
        assertThat(answer(alice, "demo-team.loop-1.0", "{}", null).getOutcome()).isEqualTo(TaskReplyOutcome.CONFLICT);
        assertThat(answer(bob, "demo-team.loop-1.0", "{}", null).getOutcome()).isEqualTo(TaskReplyOutcome.OK);
        assertThat(answers.readValue().getAnswers()).extracting(HumanAnswer::getWorkerId)
                .containsExactly(bob.getWorkerId());
        assertThat(meters.get("reviewstream.tasks.lease.expired").tag("team", TEAM).counter().count()).isEqualTo(1);
    }

    @Test
    void anExpiredLeaseWithNobodyElseLeavesTheHolderWithLeaseLost() {
        startLoop("loop-1", 1, 60, null);
        claim(alice);
        advance(Duration.ofSeconds(61));
        assertThat(answer(alice, "demo-team.loop-1.0", "{}", null).getOutcome()).isEqualTo(TaskReplyOutcome.CONFLICT);
    }

    @Test
    void aClaimThatReachesTheQueueWhenItsCallerHasStoppedWaitingClaimsNothing() {
        startLoop("loop-1", 1, null, null);
        TaskCommand late = command(TaskCommandType.CLAIM_NEXT, alice).build();
        // the caller waits reply-timeout (5 s here); the owner stops claiming one second before that
        clock.advance(properties.replyTimeout().minus(ClaimNextHandler.REPLY_ALLOWANCE).plusMillis(1));

        assertThat(send(late).getOutcome()).isEqualTo(TaskReplyOutcome.CONFLICT);
        assertThat(meters.get("reviewstream.tasks.claims.too.late").tag("team", TEAM).counter().count()).isEqualTo(1);
        TaskCommand inTime = command(TaskCommandType.CLAIM_NEXT, bob).build();
        clock.advance(properties.replyTimeout().minus(ClaimNextHandler.REPLY_ALLOWANCE));
        assertThat(send(inTime).getTask().getTaskId()).as("the task stayed open for a caller still waiting")
                .isEqualTo("demo-team.loop-1.0");
    }

    @Test
    void aReleasedTaskIsOfferedAgainAtOnce() {
        startLoop("loop-1", 1, null, null);
        claim(alice);
        assertThat(release(alice, "demo-team.loop-1.0").getOutcome()).isEqualTo(TaskReplyOutcome.OK);
        assertThat(release(alice, "demo-team.loop-1.0").getOutcome()).isEqualTo(TaskReplyOutcome.CONFLICT);
        assertThat(claim(bob).getTask().getTaskId()).isEqualTo("demo-team.loop-1.0");
        assertThat(meters.get("reviewstream.tasks.released").tag("team", TEAM).counter().count()).isEqualTo(1);
    }

    @Test
    void everyOpeningClaimReleaseLostLeaseAndAnswerIsATaskEventOfItsLoopWithItsWorker() {
        startLoop("loop-1", 1, 60, null);
        claim(alice);
        advance(Duration.ofSeconds(5));
        release(alice, "demo-team.loop-1.0");
        claim(bob);
        advance(Duration.ofSeconds(61));
        claim(alice);
        advance(Duration.ofSeconds(10));
        answer(alice, "demo-team.loop-1.0", "{}", null);

        List<KeyValue<String, TaskEvent>> events = taskEvents.readKeyValuesToList();
        assertThat(events).extracting(e -> e.key).containsOnly("loop-1");
        assertThat(events).extracting(e -> e.value.getType() + ":" + e.value.getWorkerId()).containsExactly(
                "OPENED:null", "CLAIMED:" + alice.getWorkerId(), "RELEASED:" + alice.getWorkerId(), "CLAIMED:" + bob.getWorkerId(),
                "LEASE_EXPIRED:" + bob.getWorkerId(), "CLAIMED:" + alice.getWorkerId(),
                "ANSWERED:" + alice.getWorkerId());
        assertThat(events).extracting(e -> e.value.getTeam() + "/" + e.value.getFlowDefinitionName() + "/"
                + e.value.getTaskId()).containsOnly(TEAM + "/demo-flow/demo-team.loop-1.0");
        assertThat(events.get(2).value.getSinceClaimMillis()).isEqualTo(5_000L);
        assertThat(events.get(6).value.getSinceClaimMillis()).isEqualTo(10_000L);
        assertThat(events.get(0).value.getSinceClaimMillis()).isNull();
        assertThat(events.get(1).value.getSinceClaimMillis()).isNull();
    }

    @Test
    void theQueueSnapshotTellsWhenTheOldestOpenTaskWasCreated() {
        startLoop("loop-1", 2, null, null);
        advance(Duration.ofSeconds(1));
        assertThat(lastValue(queues.readKeyValuesToMap()).getOldestOpenCreatedAt()).isEqualTo(START);
        claim(alice);
        claim(bob);
        advance(Duration.ofSeconds(1));
        assertThat(lastValue(queues.readKeyValuesToMap()).getOldestOpenCreatedAt()).isNull();
    }

    @Test
    void stoppingALoopWithoutClaimsEndsItStoppedAtOnce() {
        startLoop("loop-1", 2, null, null);
        stopLoop("loop-1");
        LoopAnswers ended = answers.readValue();
        assertThat(ended.getOutcome()).isEqualTo(LoopOutcome.STOPPED);
        assertThat(ended.getAnswers()).isEmpty();
        assertThat(claim(alice).getOutcome()).isEqualTo(TaskReplyOutcome.EMPTY);
    }

    @Test
    void aStopReadBeforeItsLoopIsKeptAndAppliedWhenTheLoopArrives() {
        stopLoop("loop-1");
        assertThat(answers.isEmpty()).isTrue();
        startLoop("loop-1", 2, null, null);
        LoopAnswers ended = answers.readValue();
        assertThat(ended.getOutcome()).isEqualTo(LoopOutcome.STOPPED);
        assertThat(ended.getHumanLoopName()).isEqualTo("loop-1");
        assertThat(claim(alice).getOutcome()).isEqualTo(TaskReplyOutcome.EMPTY);

        startLoop("loop-2", 1, null, null);
        assertThat(claim(alice).getTask().getHumanLoopName()).as("a kept stop is applied once, to its own loop")
                .isEqualTo("loop-2");
        assertThat(answers.isEmpty()).isTrue();
    }

    @Test
    void stoppingALoopLetsClaimedTasksBeSubmittedThenEndsItStoppedWithThoseAnswers() {
        startLoop("loop-1", 3, null, null);
        String alicesTask = claim(alice).getTask().getTaskId();
        String bobsTask = claim(bob).getTask().getTaskId();
        stopLoop("loop-1");
        assertThat(answers.isEmpty()).as("tasks are still being worked").isTrue();
        assertThat(claim(Workers.identity("Oidc", "https://issuer.test", "carol")).getOutcome())
                .as("open tasks are withdrawn").isEqualTo(TaskReplyOutcome.EMPTY);

        assertThat(answer(alice, alicesTask, "{\"label\":\"cat\"}", null).getOutcome()).isEqualTo(TaskReplyOutcome.OK);
        assertThat(answers.isEmpty()).isTrue();
        assertThat(release(bob, bobsTask).getOutcome()).isEqualTo(TaskReplyOutcome.OK);

        LoopAnswers ended = answers.readValue();
        assertThat(ended.getOutcome()).isEqualTo(LoopOutcome.STOPPED);
        assertThat(ended.getAnswers()).extracting(HumanAnswer::getWorkerId).containsExactly(alice.getWorkerId());
    }

    @Test
    void aStoppedLoopEndsWhenTheLastLeaseRunsOut() {
        startLoop("loop-1", 1, 60, null);
        claim(alice);
        stopLoop("loop-1");
        assertThat(answers.isEmpty()).isTrue();
        advance(Duration.ofSeconds(61));
        assertThat(answers.readValue().getOutcome()).isEqualTo(LoopOutcome.STOPPED);
    }

    @Test
    void aLoopNobodyFinishesInItsAvailabilityLifetimeExpires() {
        startLoop("loop-1", 2, null, 600);
        claim(alice);
        answer(alice, "demo-team.loop-1.0", "{\"label\":\"cat\"}", null);
        advance(Duration.ofSeconds(599));
        assertThat(answers.isEmpty()).isTrue();
        advance(Duration.ofSeconds(2));
        LoopAnswers ended = answers.readValue();
        assertThat(ended.getOutcome()).isEqualTo(LoopOutcome.EXPIRED);
        assertThat(ended.getFailureCode()).isEqualTo("Expired");
        assertThat(ended.getFailureReason()).contains("TaskAvailabilityLifetimeInSeconds");
        assertThat(ended.getAnswers()).hasSize(1);
        assertThat(claim(bob).getOutcome()).isEqualTo(TaskReplyOutcome.EMPTY);
    }

    @Test
    void aRetriedSubmitIsAcknowledgedButCountedOnce() {
        startLoop("loop-1", 1, null, null);
        claim(alice);
        assertThat(answer(alice, "demo-team.loop-1.0", "{\"label\":\"cat\"}", "k-1").getOutcome())
                .isEqualTo(TaskReplyOutcome.OK);
        assertThat(answer(alice, "demo-team.loop-1.0", "{\"label\":\"cat\"}", "k-1").getOutcome())
                .as("after the loop ended").isEqualTo(TaskReplyOutcome.OK);
        assertThat(answer(alice, "demo-team.loop-1.0", "{\"label\":\"dog\"}", "k-2").getOutcome())
                .as("another submit, not a retry").isEqualTo(TaskReplyOutcome.CONFLICT);
        assertThat(answer(bob, "demo-team.loop-1.0", "{\"label\":\"cat\"}", "k-1").getOutcome())
                .as("alice's answer").isEqualTo(TaskReplyOutcome.FORBIDDEN);
        assertThat(answers.readValuesToList()).hasSize(1);
        assertThat(meters.get("reviewstream.answers.submitted").counter().count()).isEqualTo(1);
    }

    @Test
    void loopsClosestToTheirAvailabilityDeadlineAreClaimedFirstThenTheOldest() {
        startLoop("old-relaxed", 1, null, 3600);
        advance(Duration.ofSeconds(2));
        startLoop("new-urgent", 1, null, 600);
        startLoop("new-relaxed", 1, null, 3600);
        assertThat(claim(alice).getTask().getHumanLoopName()).isEqualTo("new-urgent");
        assertThat(claim(bob).getTask().getHumanLoopName()).isEqualTo("old-relaxed");
    }

    @Test
    void theQueueSnapshotCountsOpenTasksAndShowsWhoHoldsWhat() {
        startLoop("loop-1", 2, null, null);
        claim(alice);
        advance(Duration.ofSeconds(1));
        TeamQueue queue = lastValue(queues.readKeyValuesToMap());
        assertThat(queue.getTeam()).isEqualTo(TEAM);
        assertThat(queue.getOpen()).isEqualTo(1);
        assertThat(queue.getTasks()).extracting(t -> t.getStatus() + ":" + t.getWorkerId())
                .containsExactly("CLAIMED:" + alice.getWorkerId(), "OPEN:null");
        assertThat(meters.get("reviewstream.tasks.open").tag("team", TEAM).tag("flow", "demo-flow").gauge().value())
                .isEqualTo(1);

        stopLoop("loop-1");
        advance(Duration.ofSeconds(1));
        queue = lastValue(queues.readKeyValuesToMap());
        assertThat(queue.getOpen()).isZero();
        assertThat(queue.getTasks()).extracting(t -> t.getStatus()).containsExactly(TaskStatus.CLAIMED);
    }

    @Test
    void aLongQueueIsCountedWhollyButListedOnlyUpToTheSnapshotLimit() {
        for (int i = 0; i < 105; i++) {
            startLoop("loop-" + i, 1, null, null);
            advance(Duration.ofMillis(10));
        }
        queues.readKeyValuesToMap();
        String first = claim(alice).getTask().getTaskId();
        claim(bob);
        release(alice, first);
        stopLoop("loop-104");
        advance(Duration.ofSeconds(1));
        TeamQueue queue = lastValue(queues.readKeyValuesToMap());
        assertThat(queue.getOpen()).isEqualTo(103);
        assertThat(queue.getTasks()).hasSize(100);
        assertThat(queue.getTasks().get(0).getStatus()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(queue.getTasks().get(1).getTaskId()).as("released, first in claim order again").isEqualTo(first);
        assertThat(meters.get("reviewstream.tasks.open").tag("team", TEAM).tag("flow", "demo-flow").gauge().value())
                .isEqualTo(103);
        assertThat(meters.get("reviewstream.tasks.oldest.age.seconds").tag("team", TEAM).tag("flow", "demo-flow")
                .gauge().value()).as("loop-0, started 2.05 s ago").isEqualTo(2.05);
    }

    @Test
    void aShardedTeamsLoopsLiveInOneShardEachWhichTheirIdsNameAndWhereStopsFindThem() {
        for (int i = 0; i < 12; i++) {
            startLoop("big-" + i, 1, null, null, arns.workteam(BIG_TEAM));
        }
        advance(Duration.ofSeconds(1));
        Map<String, TeamQueue> snapshots = queues.readKeyValuesToMap();
        assertThat(snapshots).as("every shard has loops").containsOnlyKeys(BIG_TEAM, BIG_TEAM + "~1", BIG_TEAM + "~2");
        assertThat(snapshots.values().stream().mapToInt(TeamQueue::getOpen).sum()).isEqualTo(12);
        snapshots.forEach((key, queue) -> {
            assertThat(queue.getTeam()).isEqualTo(BIG_TEAM);
            assertThat(queue.getTasks()).allMatch(task -> TaskIds.parse(task.getTaskId()).queue().key().equals(key)
                    && TeamShard.ofLoop(BIG_TEAM, task.getHumanLoopName(), 3).key().equals(key));
        });

        TeamShard shard = TeamShard.ofLoop(BIG_TEAM, "big-0", 3);
        TaskReply claimed = send(command(TaskCommandType.CLAIM_NEXT, alice).setTeam(BIG_TEAM)
                .setShard(shard.shard()).build());
        assertThat(claimed.getTask().getHumanLoopName()).isEqualTo("big-0");
        assertThat(TaskIds.parse(claimed.getTask().getTaskId()).queue()).isEqualTo(shard);
        assertThat(claimed.getTask().getTeam()).isEqualTo(BIG_TEAM);
        stopLoop("big-0");
        assertThat(send(command(TaskCommandType.ANSWER, alice).setTeam(BIG_TEAM).setShard(shard.shard())
                .setTaskId(claimed.getTask().getTaskId()).setAnswerContent("{}").build()).getOutcome())
                .isEqualTo(TaskReplyOutcome.OK);
        LoopAnswers ended = answers.readValue();
        assertThat(ended.getHumanLoopName()).isEqualTo("big-0");
        assertThat(ended.getOutcome()).as("the stop reached big-0's shard").isEqualTo(LoopOutcome.STOPPED);
    }

    @Test
    void taskUiVersionsAreArchivedByArnAndSurviveTheirDeletion() {
        HumanTaskUi ui = TaskUis.active(envelopes.next("t"), arns, "demo-classifier", "<crowd-form></crowd-form>",
                START, List.of());
        taskUis.pipeInput("demo-classifier", ui);
        taskUis.pipeInput("demo-classifier", null);
        Map<String, HumanTaskUi> archived = templates.readKeyValuesToMap();
        assertThat(archived).containsOnlyKeys(arns.humanTaskUi("demo-classifier"));
        assertThat(archived.get(arns.humanTaskUi("demo-classifier")).getContent()).isEqualTo("<crowd-form></crowd-form>");
    }

    @Test
    void aLoopWithoutAPrivateWorkTeamIsADeadLetterAndTheQueueGoesOn() {
        startLoop("loop-1", 1, null, null, "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default");
        TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(topics.deadLetters.name(),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        assertThat(deadLetters.readRecordsToList()).hasSize(1);
        startLoop("loop-2", 1, null, null);
        assertThat(claim(alice).getTask().getHumanLoopName()).isEqualTo("loop-2");
    }

    @Test
    void aCommandOfNoKnownTypeIsRefusedAsInvalid() {
        TaskReply reply = send(command(TaskCommandType.UNKNOWN, alice).build());
        assertThat(reply.getOutcome()).isEqualTo(TaskReplyOutcome.INVALID);
        assertThat(reply.getMessage()).contains("UNKNOWN");
        assertThat(reply.getTask()).isNull();
    }

    @Test
    void loopStartsAndStopsGetNoReplyAndARedeliveredStartMakesNoSecondTasks() {
        startLoop("loop-1", 1, null, null);
        startLoop("loop-1", 1, null, null);
        stopLoop("no-such-loop");
        assertThat(replies.isEmpty()).isTrue();
        assertThat(answers.isEmpty()).as("a stop of an unknown loop ends nothing").isTrue();
        assertThat(claim(alice).getTask().getTaskId()).isEqualTo("demo-team.loop-1.0");
        assertThat(claim(bob).getOutcome()).as("one task, not two").isEqualTo(TaskReplyOutcome.EMPTY);
        advance(Duration.ofSeconds(1));
        assertThat(lastValue(queues.readKeyValuesToMap()).getTasks()).hasSize(1);
    }

    @Test
    void idsNoQueueOwnerMadeAreNotFoundForEveryCommandThatTakesOne() {
        startLoop("loop-1", 1, null, null);
        claim(alice);
        for (String id : List.of("not-a-task", "demo-team.loop-1.1", "demo-team.loop-1.00", "other-team.loop-1.0")) {
            assertThat(view(alice, id).getOutcome()).as(id).isEqualTo(TaskReplyOutcome.NOT_FOUND);
            assertThat(release(alice, id).getOutcome()).as(id).isEqualTo(TaskReplyOutcome.NOT_FOUND);
            assertThat(answer(alice, id, "{}", null).getOutcome()).as(id).isEqualTo(TaskReplyOutcome.NOT_FOUND);
        }
        assertThat(view(alice, "demo-team.loop-1.0").getOutcome()).isEqualTo(TaskReplyOutcome.OK);
    }

    @Test
    void eachAcceptedWorkerCommandRepliesWithWhatItIsAbout() {
        startLoop("loop-1", 2, null, null);
        TaskReply claimed = claim(alice);
        assertThat(claimed.getTask().getRank()).as("only a peek tells the rank").isNull();
        assertThat(view(alice, claimed.getTask().getTaskId()).getTask().getLeaseExpiresAt())
                .isEqualTo(claimed.getTask().getLeaseExpiresAt());
        TaskReply released = release(alice, claimed.getTask().getTaskId());
        assertThat(released.getOutcome()).isEqualTo(TaskReplyOutcome.OK);
        assertThat(released.getTask()).isNull();
        String again = claim(bob).getTask().getTaskId();
        TaskReply answered = answer(bob, again, "{\"label\":\"cat\"}", "k");
        assertThat(answered.getTask().getTaskId()).isEqualTo(again);
        assertThat(answered.getMessage()).isNull();
        assertThat(answer(bob, again, "{\"label\":\"cat\"}", "k").getMessage()).isEqualTo("Already answered");
    }

    @Test
    void meteredCommandsShareOneMeterPerTeamAndFlow() {
        startLoop("loop-1", 1, null, null);
        startLoop("loop-2", 1, null, null);
        answer(alice, claim(alice).getTask().getTaskId(), "{}", null);
        answer(bob, claim(bob).getTask().getTaskId(), "{}", null);
        assertThat(meters.find("reviewstream.tasks.time.to.claim").timers()).hasSize(1);
        assertThat(meters.get("reviewstream.tasks.time.to.claim").tag("team", TEAM).tag("flow", "demo-flow").timer()
                .count()).isEqualTo(2);
        assertThat(meters.get("reviewstream.tasks.time.to.answer").timer().count()).isEqualTo(2);
        assertThat(meters.get("reviewstream.loops.ended.by.tasks").tag("flow", "demo-flow")
                .tag("outcome", "answered").counter().count()).isEqualTo(2);
    }

    private static TeamQueue lastValue(Map<String, TeamQueue> byTeam) {
        return byTeam.get(TEAM);
    }

    private void startLoop(String name, int taskCount, Integer timeLimit, Integer lifetime) {
        startLoop(name, taskCount, timeLimit, lifetime, arns.workteam(TEAM));
    }

    private void startLoop(String name, int taskCount, Integer timeLimit, Integer lifetime, String workteamArn) {
        startLoop(name, taskCount, timeLimit, lifetime, workteamArn, flow -> { });
    }

    private void startLoop(String name, int taskCount, Integer timeLimit, Integer lifetime, String workteamArn,
                           Consumer<FlowDefinition.Builder> customize) {
        FlowDefinition.Builder flow = FlowDefinition.newBuilder()
                .setEnvelope(envelopes.next("test"))
                .setName("demo-flow")
                .setArn(arns.flowDefinition("demo-flow"))
                .setVersion(1)
                .setStatus(FlowDefinitionStatus.ACTIVE)
                .setCreationTime(START)
                .setHumanLoopConfig(HumanLoopConfig.newBuilder()
                        .setWorkteamArn(workteamArn)
                        .setHumanTaskUiArn(arns.humanTaskUi("demo-classifier"))
                        .setTaskTitle("Classify").setTaskDescription("Pick a label").setTaskCount(taskCount)
                        .setTaskTimeLimitInSeconds(timeLimit).setTaskAvailabilityLifetimeInSeconds(lifetime).build())
                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath("s3://reviewstream-output/demo").build())
                .setRoleArn("arn:aws:iam::111122223333:role/reviewstream");
        customize.accept(flow);
        loops.pipeInput(name, LoopStarted.newBuilder()
                .setEnvelope(envelopes.next("corr-" + name))
                .setHumanLoopName(name)
                .setHumanLoopArn(arns.humanLoop(name))
                .setCreationTime(clock.instant())
                .setFlowDefinition(flow.build())
                .setSource(LoopSource.START_HUMAN_LOOP)
                .setInputContent("{\"label\":\"cat\",\"confidence\":0.42}")
                .build());
    }

    private void stopLoop(String name) {
        loopCommands.pipeInput(name, LoopCommand.newBuilder().setEnvelope(envelopes.next("stop"))
                .setHumanLoopName(name).setType(LoopCommandType.STOP).build());
    }

    private TaskReply claim(WorkerIdentity worker) {
        return send(command(TaskCommandType.CLAIM_NEXT, worker).build());
    }

    private TaskReply answer(WorkerIdentity worker, String taskId, String content, String idempotencyKey) {
        return send(command(TaskCommandType.ANSWER, worker).setTaskId(taskId).setAnswerContent(content)
                .setIdempotencyKey(idempotencyKey).build());
    }

    private TaskReply release(WorkerIdentity worker, String taskId) {
        return send(command(TaskCommandType.RELEASE, worker).setTaskId(taskId).build());
    }

    private TaskReply view(WorkerIdentity worker, String taskId) {
        return send(command(TaskCommandType.VIEW, worker).setTaskId(taskId).build());
    }

    private TaskCommand.Builder command(TaskCommandType type, WorkerIdentity worker) {
        return TaskCommand.newBuilder().setEnvelope(envelopes.next(UUID.randomUUID().toString()))
                .setTeam(TEAM).setType(type).setWorker(worker);
    }

    private TaskReply send(TaskCommand command) {
        commands.pipeInput(new TeamShard(command.getTeam(), command.getShard()).key(), command);
        List<org.apache.kafka.streams.KeyValue<String, TaskReply>> all = replies.readKeyValuesToList();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).key).isEqualTo(command.getEnvelope().getCorrelationId());
        return all.get(0).value;
    }

    private void advance(Duration duration) {
        clock.advance(duration);
        driver.advanceWallClockTime(duration);
    }
}
