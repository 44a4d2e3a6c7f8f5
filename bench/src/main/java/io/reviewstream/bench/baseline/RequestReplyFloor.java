package io.reviewstream.bench.baseline;

import io.reviewstream.bench.measure.Latencies;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What sets the floor of a claim or an answer: the request/reply round trip through an exactly-once Streams app,
 * swept over the app's commit interval, its producer's retry backoff and the reply reader's fetch wait, in one run
 * on one broker, so that the settings are compared under the same load. Each combination is measured twice, in two
 * rounds, to show the noise.
 *
 * <p>{@code -Dbench.samples} (default 200) round trips per combination; in milliseconds,
 * {@code -Dbench.commit-intervals} (default {@code 100,10,1}), {@code -Dbench.retry-backoffs} (the Streams
 * producer's {@code retry.backoff.ms}, default {@code 100,10}) and {@code -Dbench.fetch-waits} (default
 * {@code 500,50,5}).
 */
public final class RequestReplyFloor {

    private RequestReplyFloor() {
    }

    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 200);
        List<Long> commitIntervals = longs(System.getProperty("bench.commit-intervals", "100,10,1"));
        List<Long> retryBackoffs = longs(System.getProperty("bench.retry-backoffs", "100,10"));
        List<Long> fetchWaits = longs(System.getProperty("bench.fetch-waits", "500,50,5"));
        EmbeddedInfra infra = EmbeddedInfra.shared();
        KafkaClients clients = KafkaClients.forBootstrapServers(infra.bootstrapServers());
        Path stateDir = Files.createTempDirectory("request-reply-floor");
        List<String> rows = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            for (long commitInterval : commitIntervals) {
                for (long retryBackoff : retryBackoffs) {
                    for (long fetchWait : fetchWaits) {
                        Latencies latencies = new RequestReplyRoundTrip(clients, "bench.dead-letters", stateDir,
                                Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval,
                                        StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG),
                                        retryBackoff),
                                Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchWait)).measure(samples);
                        String row = String.format(Locale.ROOT, "| %d | %d ms | %d ms | %d ms | %s |", round,
                                commitInterval, retryBackoff, fetchWait, latencies.summary());
                        System.out.println(row);
                        rows.add(row);
                    }
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "REQUEST/REPLY FLOOR (%d processors, load average %.2f at the end)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| round | commit interval | producer's retry.backoff.ms | reply reader's fetch.max.wait.ms "
                + "| round trip |");
        System.out.println("| --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static List<Long> longs(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).map(Long::parseLong).toList();
    }
}
