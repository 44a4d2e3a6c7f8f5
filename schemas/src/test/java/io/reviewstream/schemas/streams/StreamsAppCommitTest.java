package io.reviewstream.schemas.streams;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** An app that commits every few milliseconds must not wait longer than that in its poll before committing. */
class StreamsAppCommitTest {

    @Test
    void thePollIsNoLongerThanTheCommitIntervalNorThanKafkaStreamsDefault() {
        assertThat(StreamsApp.commitEvery(Duration.ofMillis(10)))
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 10L)
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 10L);
        assertThat(StreamsApp.commitEvery(Duration.ofSeconds(30)))
                .as("a long interval keeps Kafka Streams' 100 ms poll, so shutdown and rebalances stay prompt")
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 100L);
        assertThat(StreamsApp.commitEvery(Duration.ZERO))
                .as("commit after every record, but never a busy poll loop")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 0L)
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 1L);
    }
}
