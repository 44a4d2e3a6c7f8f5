package io.reviewstream.standalone;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.embedded.FreePorts;
import io.reviewstream.embedded.TopicContents;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The standalone mode's infrastructure with the four services started from their jars against it, the demo flow
 * created through the SDK, and the clients a test drives them with: a Kafka producer of predictions, the worker
 * API and read_committed views of the result topics and the output bucket.
 */
final class ServiceProcesses implements AutoCloseable {

    /** Small and quick to start: the tests run a few loops, four services and the infrastructure on two cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Path LOGS = Path.of("target", "service-processes");

    private final Path dataDir;
    private final Standalone infra;
    /** Read by worker threads while a test starts another instance. */
    private final Map<String, ServiceProcess> services = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Topics topics;
    private MinioClient s3;

    private ServiceProcesses(Path dataDir) {
        this.dataDir = dataDir;
        // each service is told its port long before it binds it, and flow-service also task-service's
        infra = Standalone.startInfraOnly(new StandaloneConfig(dataDir, 0, 0, 0, FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), false));
        ServiceSettings.SERVICES.forEach(module -> services.put(module,
                new ServiceProcess(module, infra.settings().get(module), JVM_OPTIONS, LOGS)));
        topics = infra.topics();
    }

    /** The infrastructure, then the four services, healthy and with the demo flow in place. */
    static ServiceProcesses start(Path dataDir) throws InterruptedException {
        ServiceProcesses processes = new ServiceProcesses(dataDir);
        try {
            // flow-service first: loop-router reads the flow definitions when it starts
            processes.service("flow-service").start();
            processes.service("flow-service").awaitHealthy();
            DemoFlow.create(URI.create(processes.service("flow-service").url()));
            for (String module : List.of("loop-router", "task-service", "result-writer")) {
                processes.service(module).start();
            }
            for (String module : List.of("loop-router", "task-service", "result-writer")) {
                processes.service(module).awaitHealthy();
            }
            return processes;
        } catch (RuntimeException | InterruptedException | Error e) {
            processes.close();
            throw e;
        }
    }

    /**
     * Starts task-service's second instance, named {@code task-service-2} here, and waits until it is healthy and
     * serves: the group spreads the queue partitions over both.
     */
    ServiceProcess startSecondTaskService() throws InterruptedException {
        ServiceProcess second = new ServiceProcess("task-service", ServiceSettings.taskServiceInstance(
                infra.settings().get("task-service"), 2, FreePorts.next()), JVM_OPTIONS,
                LOGS.resolve("task-service-2"));
        services.put("task-service-2", second);
        second.start();
        second.awaitHealthy();
        return second;
    }

    Standalone standalone() {
        return infra;
    }

    Path dataDir() {
        return dataDir;
    }

    ServiceProcess service(String module) {
        return services.get(module);
    }

    /** Whether the service, or instance, has been started here. */
    boolean started(String name) {
        return services.containsKey(name);
    }

    Topics topics() {
        return topics;
    }

    /** A producer of predictions, as the model serving side of a deployment runs one. */
    KafkaProducer<String, String> predictionProducer() {
        return DemoTraffic.predictionProducer(infra.infra().bootstrapServers());
    }

    /** A call of the worker API as the demo worker, with HTTP Basic. */
    HttpResponse<String> worker(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        return worker("task-service", method, path, body, headers);
    }

    /** The same through one instance of task-service, by its name here. */
    HttpResponse<String> worker(String instance, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        return WorkerApi.demoWorker(service(instance).url()).call(method, path, body, headers);
    }

    /** Every committed completion so far: what a read_committed consumer of the topic sees. */
    List<LoopCompleted> completions() {
        List<LoopCompleted> completed = new ArrayList<>();
        for (ConsumerRecord<String, LoopCompleted> record : TopicContents.readAll(infra.infra().bootstrapServers(),
                topics.loopCompleted.name(), topics.loopCompleted.keySerde().deserializer(),
                topics.loopCompleted.valueSerde().deserializer(), readCommitted())) {
            completed.add(Objects.requireNonNull(record.value()));
        }
        return completed;
    }

    /** Every committed status event so far, tombstones left out. */
    List<LoopStatusEvent> statusEvents() {
        List<LoopStatusEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, LoopStatusEvent> record : TopicContents.readAll(
                infra.infra().bootstrapServers(), topics.loopStatus.name(), topics.loopStatus.keySerde().deserializer(),
                topics.loopStatus.valueSerde().deserializer(), readCommitted())) {
            if (record.value() != null) {
                events.add(record.value());
            }
        }
        return events;
    }

    /** The dead letters from the topic's start. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        return TopicContents.readAll(infra.infra().bootstrapServers(), topics.deadLetters.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), readCommitted());
    }

    private static Map<String, Object> readCommitted() {
        return Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    byte[] readS3(String uri) throws Exception {
        String path = uri.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        try (var in = s3().getObject(GetObjectArgs.builder().bucket(bucket)
                .object(path.substring(bucket.length() + 1)).build())) {
            return in.readAllBytes();
        }
    }

    /** The keys of every object in the demo's output bucket. */
    List<String> outputKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3().listObjects(ListObjectsArgs.builder().bucket(Demo.OUTPUT_BUCKET)
                .recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    /** One client: building one reads the system's CA certificates, which takes long on a busy machine. */
    private synchronized MinioClient s3() {
        if (s3 == null) {
            EmbeddedInfra store = infra.infra();
            s3 = MinioClient.builder().endpoint(store.s3Endpoint()).region(store.s3Region())
                    .credentials(store.s3AccessKey(), store.s3SecretKey()).build();
        }
        return s3;
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess service : List.copyOf(services.values())) {
            service.close();
        }
        infra.close();
    }
}
