package io.reviewstream.taskservice.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewstream.taskservice.domain.TeamShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting room of claim-next: who is woken by which opening, and when a wait ends without one. */
class ClaimWaitsTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ClaimWaits waits = new ClaimWaits(2, meters);

    @AfterEach
    void close() {
        waits.close();
    }

    @Test
    void anOpeningWakesTheLongestWaitingCallOfItsTeamOnlyAndSaysWhere() throws Exception {
        List<String> teamA = List.of("team-a");
        CompletableFuture<ClaimWaits.Wakeup> first = waits.await(teamA, waits.signals(teamA), LONG);
        CompletableFuture<ClaimWaits.Wakeup> second = waits.await(teamA, waits.signals(teamA), LONG);
        assertThat(meters.get("reviewstream.tasks.claims.waiting").gauge().value()).isEqualTo(2);

        waits.opened(new TeamShard("team-b", 0));
        assertThat(first).as("another team's task").isNotDone();

        waits.opened(new TeamShard("team-a", 1));
        assertThat(first.get(1, TimeUnit.SECONDS)).isEqualTo(new ClaimWaits.Wakeup(true, new TeamShard("team-a", 1)));
        assertThat(second).as("one task wakes one call").isNotDone();
        waits.opened(new TeamShard("team-a", 0));
        assertThat(second.get(1, TimeUnit.SECONDS).opened()).isTrue();
        assertThat(meters.get("reviewstream.tasks.claims.waiting").gauge().value()).isZero();
    }

    @Test
    void aTaskThatOpenedBetweenTheClaimAndTheWaitEndsTheWaitAtOnce() throws Exception {
        List<String> teams = List.of("team-a", "team-b");
        long seen = waits.signals(teams);
        // the claim found nothing; meanwhile a task opened
        waits.opened(new TeamShard("team-b", 0));
        assertThat(waits.await(teams, seen, LONG).get(1, TimeUnit.SECONDS).opened()).isTrue();
    }

    @Test
    void aWaitEndsEmptyAtItsDeadlineOrAtOnceWhenTooManyWait() throws Exception {
        List<String> team = List.of("team-a");
        long start = System.nanoTime();
        assertThat(waits.await(team, waits.signals(team), Duration.ofMillis(200)).get(5, TimeUnit.SECONDS).opened())
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        waits.await(team, waits.signals(team), LONG);
        waits.await(team, waits.signals(team), LONG);
        CompletableFuture<ClaimWaits.Wakeup> third = waits.await(team, waits.signals(team), LONG);
        assertThat(third).as("beyond max-waiting-claims").isCompleted();
        assertThat(third.get().opened()).isFalse();
    }

    @Test
    void aCallWaitingOnSeveralTeamsIsWokenOnceAndLeavesEveryTeam() throws Exception {
        List<String> both = List.of("team-a", "team-b");
        CompletableFuture<ClaimWaits.Wakeup> call = waits.await(both, waits.signals(both), LONG);
        waits.opened(new TeamShard("team-a", 0));
        assertThat(call.get(1, TimeUnit.SECONDS).queue()).isEqualTo(new TeamShard("team-a", 0));

        List<String> teamB = List.of("team-b");
        CompletableFuture<ClaimWaits.Wakeup> next = waits.await(teamB, waits.signals(teamB), LONG);
        waits.opened(new TeamShard("team-b", 0));
        assertThat(next.get(1, TimeUnit.SECONDS).opened()).as("the first call no longer waits on team-b").isTrue();
    }
}
