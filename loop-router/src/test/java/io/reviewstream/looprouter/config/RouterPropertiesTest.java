package io.reviewstream.looprouter.config;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouterPropertiesTest {

    private static RouterProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("reviewstream.router", RouterProperties.class);
    }

    @Test
    void theRoutersStreamsTuningCarriesItsCommitIntervalAndBatchSize() {
        Map<String, Object> tuning = bind(Map.of(
                "reviewstream.router.commit-interval", "25ms",
                "reviewstream.router.early-commit-gap", "0",
                "reviewstream.router.producer-batch-size", "65536")).streamsTuning();

        assertThat(tuning).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 25L)
                .as("an idle thread polls no longer than the interval, or the commit waits for the poll")
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 25L)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 65_536);
    }

    @Test
    void withoutSettingsTheRouterCommitsAsKafkaStreamsDoesUnderExactlyOnceAndEarlyWhileTheInputIsLight() {
        RouterProperties defaults = bind(Map.of());
        assertThat(defaults.streamsTuning())
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
                .as("the punctuation that commits early must not wait for a longer poll")
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 20L)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144);
        assertThat(defaults.earlyCommits().enabled()).isTrue();
    }
}
