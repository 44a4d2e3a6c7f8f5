package io.reviewstream.resultwriter.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.resultwriter.storage.ManifestCompactor;
import io.reviewstream.resultwriter.storage.ObjectStore;
import io.reviewstream.resultwriter.stream.ResultWriterHealthIndicator;
import io.reviewstream.resultwriter.stream.ResultWriterLoop;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.config.S3Properties;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.status.LoopStatusReader;
import io.reviewstream.schemas.status.LoopStatusStore;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

@Configuration(proxyBeanMethods = false)
public class ResultWriterConfiguration {

    @Bean
    public ObjectStore objectStore(S3Properties s3, WriterProperties writer) {
        return new ObjectStore(s3, writer.createBuckets());
    }

    @Bean
    public ManifestCompactor manifestCompactor(ObjectStore objectStore, WriterProperties writer,
                                               CompactedTopicView<FlowDefinition> flowDefinitionsView, Clock clock) {
        return new ManifestCompactor(objectStore, writer.manifestInterval(), flowDefinitionsView, clock,
                writer.manifestRecovery());
    }

    /** The flows whose recent manifests are rewritten on start. */
    @Bean
    public CompactedTopicView<FlowDefinition> flowDefinitionsView(Topics topics, KafkaClients kafka,
                                                                  KafkaAdmin admin) {
        admin.initialize();
        return new CompactedTopicView<>(topics.flowDefinitions, kafka);
    }

    /** The loops' statuses, on disk: a Stop needs the status of its loop, and the loops are too many for the heap. */
    @Bean(destroyMethod = "close")
    public LoopStatusStore loopStatusStore(Topics topics, WriterProperties writer) {
        return new LoopStatusStore(Path.of(writer.stateDir()), topics.loopStatus);
    }

    @Bean
    public LoopStatusReader loopStatusReader(Topics topics, LoopStatusStore loopStatusStore, KafkaClients kafka,
                                             KafkaAdmin admin, Clock clock) {
        admin.initialize();
        return new LoopStatusReader(topics.loopStatus, loopStatusStore, kafka, List.of(), clock);
    }

    @Bean
    public ResultWriterLoop resultWriterLoop(Topics topics, ObjectStore store, ManifestCompactor manifestCompactor,
                                             LoopStatusStore loopStatusStore, Envelopes envelopes,
                                             Arns arns, Clock clock, WriterProperties writer, KafkaClients kafka,
                                             MeterRegistry meters) {
        return new ResultWriterLoop(topics, store, manifestCompactor, loopStatusStore, envelopes, arns, clock, writer,
                kafka, meters);
    }

    @Bean
    public ResultWriterHealthIndicator resultWriterHealthIndicator(ResultWriterLoop resultWriterLoop) {
        return new ResultWriterHealthIndicator(resultWriterLoop);
    }
}
