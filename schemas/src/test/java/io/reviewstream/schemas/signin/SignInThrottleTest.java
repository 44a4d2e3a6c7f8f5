package io.reviewstream.schemas.signin;

import io.reviewstream.embedded.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's bookkeeping, on a clock the test moves. */
class SignInThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(
            new SignInProperties(3, 5, Duration.ofMinutes(10), Duration.ofMinutes(2), 4), clock);

    @Test
    void aUserIsRefusedAfterTheLimitFromEveryAddressUntilTheLockoutHasPassed() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("Alice", "10.0.0.2");
        assertThat(throttle.refusal("alice", "10.0.0.3")).isZero();
        throttle.failed("ALICE", "10.0.0.3");
        assertThat(throttle.refusal("alice", "10.0.0.9")).isEqualTo(Duration.ofMinutes(2));
        assertThat(throttle.refusal("bob", "10.0.0.9")).as("another user").isZero();
        clock.advance(Duration.ofSeconds(90));
        assertThat(throttle.refusal("alice", "10.0.0.9")).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.refusal("alice", "10.0.0.9")).isZero();
    }

    @Test
    void failuresOutsideTheWindowAreForgottenAndASuccessClearsTheUser() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        clock.advance(Duration.ofMinutes(10));
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.refusal("alice", "10.0.0.1")).as("two in this window").isZero();
        throttle.succeeded("alice");
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.refusal("alice", "10.0.0.1")).as("counted afresh").isZero();
    }

    @Test
    void anAddressIsRefusedAfterItsLimitWhateverTheUsernames() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.7");
        }
        assertThat(throttle.refusal("carol", "10.0.0.7")).isEqualTo(Duration.ofMinutes(2));
        assertThat(throttle.refusal("carol", "10.0.0.8")).isZero();
        throttle.succeeded("carol");
        assertThat(throttle.refusal("carol", "10.0.0.7")).as("a success clears the user, not the address")
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theTablesKeepOnlyTheMostRecentlySeenKeys() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", null);
        }
        assertThat(throttle.refusal("alice", null)).isPositive();
        for (int i = 0; i < 4; i++) {
            throttle.failed("other" + i, null);
        }
        assertThat(throttle.refusal("alice", null)).as("forgotten: four others came since").isZero();
    }

    @Test
    void longUsernamesCountUnderTheirFirstCharacters() {
        String prefix = "u".repeat(SignInThrottle.MAX_USERNAME_KEY);
        throttle.failed(prefix + "a", null);
        throttle.failed(prefix + "b", null);
        throttle.failed(prefix + "c", null);
        assertThat(throttle.refusal(prefix + "d".repeat(1_000_000), null)).isPositive();
    }
}
