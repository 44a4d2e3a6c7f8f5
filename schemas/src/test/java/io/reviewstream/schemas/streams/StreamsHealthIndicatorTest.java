package io.reviewstream.schemas.streams;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsHealthIndicatorTest {

    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final AtomicBoolean ran = new AtomicBoolean();
    private final StreamsHealthIndicator indicator = new StreamsHealthIndicator(state::get, ran::get);

    @Test
    void anAppThatHasNotRunSinceItsStartIsNotServingYet() {
        state.set(State.REBALANCING);
        assertThat(indicator.health().getStatus()).as("restoring after a start").isEqualTo(Status.OUT_OF_SERVICE);

        state.set(State.RUNNING);
        ran.set(true);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

        state.set(State.REBALANCING);
        assertThat(indicator.health().getStatus()).as("a later rebalance keeps it in service").isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("state", "REBALANCING")
                .containsEntry("ranSinceStart", true);
    }

    @Test
    void anAppWhoseThreadsDiedOrThatNeverStartedIsDown() {
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        ran.set(true);
        for (State stopped : new State[]{State.ERROR, State.NOT_RUNNING, State.PENDING_SHUTDOWN, State.PENDING_ERROR}) {
            state.set(stopped);
            assertThat(indicator.health().getStatus()).as(stopped.name()).isEqualTo(Status.DOWN);
        }
    }
}
