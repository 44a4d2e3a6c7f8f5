package io.reviewstream.bench.client;

import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.standalone.DemoTraffic;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/** Predictions that each start a loop, named after the prediction, as the model serving side sends them. */
public final class PredictionFeed implements AutoCloseable {

    private final Topics topics;
    private final KafkaProducer<String, String> producer;

    public PredictionFeed(String bootstrapServers, Topics topics) {
        this.topics = topics;
        this.producer = DemoTraffic.predictionProducer(bootstrapServers);
    }

    /** One prediction, acknowledged by the broker. */
    public void send(String loopName, String flow) throws InterruptedException, ExecutionException {
        producer.send(DemoTraffic.prediction(topics, loopName, flow)).get();
    }

    /** {@code count} predictions as fast as the producer takes them, all acknowledged on return. */
    public void sendAll(String prefix, String flow, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(DemoTraffic.prediction(topics, prefix + i, flow));
        }
        producer.flush();
    }

    /**
     * A steady {@code perSecond} predictions in a thread of its own, 1/100 of them every 10 ms, until interrupted;
     * {@code sent} counts them.
     */
    public Thread steady(String prefix, String flow, int perSecond, AtomicLong sent) {
        Thread load = new Thread(() -> {
            long start = System.nanoTime();
            try {
                for (long tick = 1; ; tick++) {
                    long due = perSecond * tick / 100;
                    while (sent.get() < due) {
                        producer.send(DemoTraffic.prediction(topics, prefix + sent.getAndIncrement(), flow));
                    }
                    long next = start + tick * 10_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (InterruptedException stopped) {
                producer.flush();
            }
        }, "steady-predictions");
        load.start();
        return load;
    }

    @Override
    public void close() {
        producer.close();
    }
}
