package io.reviewstream.schemas.streams;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Who asks for a commit, and when: light input soon, heavy input never, one thread's tasks once per gap. */
class EarlyCommitsTest {

    private static final Duration GAP = Duration.ofMillis(20);
    /** 2,500 records a second: 50 in a gap. */
    private static final long MAX_RATE = 2_500;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final EarlyCommits early = EarlyCommits.of(GAP, MAX_RATE, nanos::get);
    private final ProcessorSupplier<String, String, String, String> forwarding = () -> new Processor<>() {
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> context;

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            context.forward(record);
        }
    };

    @Test
    void aLightInputIsCommittedAtOnceAndWhatFollowsWithinTheGapByThePunctuation() {
        Task task = new Task();
        task.process();
        assertThat(task.context.committed()).as("the first record after a quiet time").isTrue();
        assertThat(task.context.forwarded()).hasSize(1);

        task.context.resetCommit();
        advance(5);
        task.process();
        assertThat(task.context.committed()).as("within the gap after the last request").isFalse();

        advance(15);
        task.punctuate();
        assertThat(task.context.committed()).as("the punctuation, once the gap has passed").isTrue();

        task.context.resetCommit();
        advance(40);
        task.punctuate();
        assertThat(task.context.committed()).as("nothing processed since").isFalse();
    }

    @Test
    void aHeavyInputIsLeftToTheCommitInterval() {
        Task task = new Task();
        task.process();
        task.context.resetCommit();
        for (int i = 0; i < 51; i++) {
            task.process();
        }
        advance(20);
        task.process();
        task.punctuate();
        assertThat(task.context.committed()).as("51 records in the gap before: busier than 2,500 a second").isFalse();

        advance(20);
        task.punctuate();
        assertThat(task.context.committed()).as("one record in the last gap: light again").isTrue();
    }

    @Test
    void theTasksOfOneThreadAskOncePerGap() {
        Task first = new Task();
        Task second = new Task();
        first.process();
        assertThat(first.context.committed()).isTrue();

        advance(5);
        second.process();
        assertThat(second.context.committed()).as("the thread asked 5 ms ago").isFalse();
        first.context.resetCommit();

        advance(15);
        first.punctuate();
        assertThat(first.context.committed()).as("a task with nothing of its own to commit does not ask").isFalse();
        second.punctuate();
        assertThat(second.context.committed()).isTrue();
    }

    @Test
    void theAppPollsNoLongerThanTheGap() {
        assertThat(early.pollMs(100)).isEqualTo(20);
        assertThat(early.pollMs(10)).isEqualTo(10);
    }

    @Test
    void aZeroGapTurnsThemOff() {
        EarlyCommits off = EarlyCommits.of(Duration.ZERO, MAX_RATE);
        assertThat(off.enabled()).isFalse();
        assertThat(off.wrap(forwarding)).isSameAs(forwarding);
        assertThat(off.pollMs(100)).isEqualTo(100);
    }

    private void advance(long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    /** One task's wrapped processor, on this test's thread. */
    private final class Task {
        final MockProcessorContext<String, String> context = new MockProcessorContext<>();
        final Processor<String, String, String, String> processor = early.wrap(forwarding).get();

        Task() {
            processor.init(context);
            assertThat(context.scheduledPunctuators()).singleElement().satisfies(p -> {
                assertThat(p.getInterval()).isEqualTo(GAP);
                assertThat(p.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            });
        }

        void process() {
            processor.process(new Record<>("k", "v", 0L));
        }

        void punctuate() {
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(0L);
        }
    }
}
