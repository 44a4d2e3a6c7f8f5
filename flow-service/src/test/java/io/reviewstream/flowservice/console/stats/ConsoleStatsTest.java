package io.reviewstream.flowservice.console.stats;

import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.Envelope;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.avro.TaskEventType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The console's live numbers: windows that slide and stay bounded, and what is counted from each record. */
class ConsoleStatsTest {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final StatsProperties PROPERTIES = new StatsProperties(Duration.ofHours(1), Duration.ofSeconds(10), 2, 10,
            3);

    @Test
    void aWindowForgetsWhatFellOutOfItAndKeepsNoMoreKeysThanItMay() {
        WindowedCounters counters = new WindowedCounters(1000, 60, 2);
        long now = NOW.toEpochMilli();
        counters.add("a", now - 500, 2, now);
        counters.add("a", now - 30_500, 1, now);
        counters.add("a", now - 61_000, 5, now);
        counters.add("b", now, 1, now);
        counters.add("c", now, 1, now);
        assertThat(counters.total("a", now)).isEqualTo(3);
        assertThat(counters.series("a", now)).as("half a second ago is the bucket before the current one")
                .hasSize(60).endsWith(2, 0);
        assertThat(counters.dropped()).as("a third key is over the limit").isEqualTo(1);
        assertThat(counters.total("a", now + 31_000)).as("30 s later the oldest count has left the window")
                .isEqualTo(2);
        counters.prune(now + 120_000);
        counters.add("c", now + 120_000, 1, now + 120_000);
        assertThat(counters.total("c", now + 120_000)).as("quiet keys made room").isEqualTo(1);
    }

    @Test
    void decisionsAreCountedPerFlowByOutcomeAndWhyTheyWentToReview() {
        DecisionStats stats = new DecisionStats(PROPERTIES);
        long now = NOW.toEpochMilli();
        stats.add(decision("f", DecisionOutcome.AUTO_ACCEPTED, false, LoopSource.PREDICTION_TOPIC, List.of(false)),
                now - 1000, now);
        stats.add(decision("f", DecisionOutcome.HUMAN_REVIEW, false, LoopSource.PREDICTION_TOPIC, List.of(true)),
                now - 1000, now);
        stats.add(decision("f", DecisionOutcome.HUMAN_REVIEW, true, LoopSource.PREDICTION_TOPIC, List.of(false)),
                now - 15_000, now);
        stats.add(decision("f", DecisionOutcome.HUMAN_REVIEW, false, LoopSource.START_HUMAN_LOOP, List.of()),
                now, now);
        stats.add(decision("g", DecisionOutcome.HUMAN_REVIEW, false, LoopSource.PREDICTION_TOPIC, List.of()),
                now, now);

        ObjectNode snapshot = stats.snapshot(now);
        JsonNode f = snapshot.get("flows").get(0);
        assertThat(f.get("flowDefinitionName").asString()).isEqualTo("f");
        assertThat(f.get("predictions").asLong()).isEqualTo(4);
        assertThat(f.get("autoAccepted").asLong()).isEqualTo(1);
        assertThat(f.get("reviewed").asLong()).isEqualTo(3);
        assertThat(f.get("reviewedBy").get("ActivationConditions").asLong()).isEqualTo(1);
        assertThat(f.get("reviewedBy").get("RandomSampling").asLong()).isEqualTo(1);
        assertThat(f.get("reviewedBy").get("StartHumanLoop").asLong()).isEqualTo(1);
        JsonNode rate = f.get("predictionsPerSecond");
        assertThat(rate).hasSize(360);
        assertThat(rate.get(359).asDouble()).as("1 in the current 10 s bucket").isEqualTo(0.1);
        assertThat(rate.get(358).asDouble()).as("2 in the one before").isEqualTo(0.2);
        assertThat(rate.get(357).asDouble()).isEqualTo(0.1);
        assertThat(snapshot.get("flows").get(1).get("reviewedBy").get("NoConditions").asLong()).isEqualTo(1);
    }

    @Test
    void workersAreCountedWithTheirTimeToAnswerAndTheirAgreementWithTheConsolidatedAnswer() {
        WorkforceStats stats = new WorkforceStats(PROPERTIES);
        long now = NOW.toEpochMilli();
        stats.add(answers(answer("alice", 10, "{\"label\":\"cat\"}"), answer("bob", 20, "{\"label\":\"cat\"}"),
                answer("carol", 30, "{\"label\":\"dog\"}")), now);
        stats.add(answers(answer("alice", 30, "{\"label\":\"dog\"}")), now);

        JsonNode workers = stats.snapshot(now).get("workers");
        assertThat(workers).extracting(w -> w.get("workerId").asString()).containsExactly("alice", "bob", "carol");
        JsonNode alice = workers.get(0);
        assertThat(alice.get("answered").asLong()).isEqualTo(2);
        assertThat(alice.get("meanSecondsToAnswer").asDouble()).isEqualTo(20.0);
        assertThat(alice.get("agreement").asDouble()).as("a loop answered alone is not compared").isEqualTo(1.0);
        assertThat(workers.get(2).get("agreement").asDouble()).isEqualTo(0.0);
        assertThat(WorkforceStats.agreement(json("{\"n\":9,\"label\":\"a\"}"), json("{\"n\":10,\"label\":\"b\"}")))
                .isCloseTo(0.45, within(1e-9));
    }

    @Test
    void teamActivityCountsEachKindOfTaskEventInTheLastHour() {
        TeamActivity activity = new TeamActivity(PROPERTIES);
        long now = NOW.toEpochMilli();
        activity.add(event("t1", TaskEventType.CLAIMED, NOW.minusSeconds(30)), now);
        activity.add(event("t1", TaskEventType.CLAIMED, NOW.minusSeconds(3000)), now);
        activity.add(event("t1", TaskEventType.LEASE_EXPIRED, NOW.minusSeconds(20)), now);
        activity.add(event("t1", TaskEventType.CLAIMED, NOW.minusSeconds(4000)), now);
        assertThat(activity.lastMinutes("t1", TaskEventType.CLAIMED, 60, now)).isEqualTo(2);
        assertThat(activity.lastMinutes("t1", TaskEventType.LEASE_EXPIRED, 60, now)).isEqualTo(1);
        assertThat(activity.teams(now)).containsExactly("t1");
    }

    private static Decision decision(String flow, DecisionOutcome outcome, boolean sampled, LoopSource source,
                                     List<Boolean> nodes) {
        return Decision.newBuilder().setEnvelope(envelope()).setPredictionId("p").setFlowDefinitionName(flow)
                .setFlowDefinitionVersion(1).setSource(source).setOutcome(outcome).setSampled(sampled)
                .setNodeResults(nodes).build();
    }

    private static HumanAnswer answer(String worker, double seconds, String content) {
        return HumanAnswer.newBuilder().setTaskId("t").setWorkerId(worker).setIdentityProviderType("Oidc")
                .setIssuer("i").setSubject(worker).setAcceptanceTime(NOW.minusSeconds(60))
                .setSubmissionTime(NOW.minusSeconds(30)).setTimeSpentInSeconds(seconds).setAnswerContent(content)
                .build();
    }

    private static LoopAnswers answers(HumanAnswer... answers) {
        return LoopAnswers.newBuilder().setEnvelope(envelope()).setHumanLoopName("loop").setOutcome(LoopOutcome.ANSWERED)
                .setAnswers(List.of(answers)).setEndedAt(NOW)
                .setLoop(LoopStarted.newBuilder().setEnvelope(envelope()).setHumanLoopName("loop").setHumanLoopArn("a")
                        .setCreationTime(NOW).setSource(LoopSource.PREDICTION_TOPIC).setInputContent("{}")
                        .setFlowDefinition(FlowDefinition.newBuilder().setEnvelope(envelope()).setName("f")
                                .setArn("a").setVersion(1).setStatus(FlowDefinitionStatus.ACTIVE).setCreationTime(NOW)
                                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath("s3://b/o").build())
                                .setRoleArn("r").build())
                        .build())
                .build();
    }

    private static TaskEvent event(String team, TaskEventType type, Instant at) {
        return TaskEvent.newBuilder().setEnvelope(envelope()).setHumanLoopName("loop").setTaskId("t").setTeam(team)
                .setFlowDefinitionName("f").setType(type).setWorkerId("w").setAt(at).build();
    }

    private static Envelope envelope() {
        return Envelope.newBuilder().setEventId("e").setOccurredAt(NOW).setCorrelationId("c").build();
    }

    private static JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }
}
