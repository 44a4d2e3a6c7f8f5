package io.reviewstream.flowservice.config;

import io.reviewstream.flowservice.api.SignatureFilter;
import io.reviewstream.flowservice.auth.CallRates;
import io.reviewstream.flowservice.auth.SignatureV4;
import io.reviewstream.flowservice.domain.FlowDefinitions;
import io.reviewstream.flowservice.domain.HumanLoops;
import io.reviewstream.flowservice.domain.HumanTaskUis;
import io.reviewstream.flowservice.domain.Workteams;
import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.LoopStartReply;
import io.reviewstream.schemas.avro.LoopStartRequest;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.config.S3Properties;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.reply.RequestReplyGateway;
import io.reviewstream.schemas.status.LoopStatusReader;
import io.reviewstream.schemas.status.LoopStatusStore;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import io.reviewstream.templates.ReadableLocations;
import io.reviewstream.templates.RenderContext;
import io.reviewstream.templates.S3PresignSettings;
import io.reviewstream.templates.TemplateRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** flow-service's wiring: views of the resource topics, the loop status store, the writer, the start gateway, the API guard. */
@Configuration
public class FlowServiceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FlowServiceConfiguration.class);
    /** RenderUiTemplate previews are looked at right away; their links need not outlive a working session. */
    private static final Duration PREVIEW_LINK_EXPIRY = Duration.ofMinutes(15);

    @Bean
    public CompactedTopicView<FlowDefinition> flowDefinitionsView(Topics topics, KafkaClients kafka) {
        return new CompactedTopicView<>(topics.flowDefinitions, kafka);
    }

    @Bean
    public CompactedTopicView<HumanTaskUi> taskUisView(Topics topics, KafkaClients kafka) {
        return new CompactedTopicView<>(topics.taskUis, kafka);
    }

    @Bean
    public CompactedTopicView<Workteam> workteamsView(Topics topics, KafkaClients kafka) {
        return new CompactedTopicView<>(topics.workteams, kafka);
    }

    /** The loops' statuses, on disk: they are as many as the loops, which the heap must not be. */
    @Bean(destroyMethod = "close")
    public LoopStatusStore loopStatusStore(Topics topics, FlowServiceProperties properties) {
        return new LoopStatusStore(Path.of(properties.stateDir()), topics.loopStatus);
    }

    /** Each loop it stores also retires this instance's overlay of its own write for that loop. */
    @Bean
    public LoopStatusReader loopStatusReader(Topics topics, LoopStatusStore loopStatusStore, KafkaClients kafka,
                                             ObjectProvider<HumanLoops> humanLoops, Clock clock) {
        return new LoopStatusReader(topics.loopStatus, loopStatusStore, kafka,
                List.of(name -> humanLoops.getObject().stored(name)), clock);
    }

    @Bean(destroyMethod = "close")
    public Publisher publisher(KafkaClients kafka, FlowServiceProperties properties) {
        return new Publisher(kafka, properties.timeout());
    }

    @Bean
    public RequestReplyGateway<LoopStartRequest, LoopStartReply> loopStartGateway(
            Topics topics, KafkaClients kafka, FlowServiceProperties properties) {
        return new RequestReplyGateway<>(topics.loopRequests, topics.loopReplies,
                new RequestReplyGateway.Correlation<>(LoopStartRequest::getHumanLoopName,
                        request -> request.getEnvelope().getCorrelationId(),
                        (key, reply) -> reply.getEnvelope().getCorrelationId()),
                kafka, properties.timeout());
    }

    @Bean
    public FlowDefinitions flowDefinitions(CompactedTopicView<FlowDefinition> flowDefinitionsView,
                                           CompactedTopicView<Workteam> workteamsView,
                                           CompactedTopicView<HumanTaskUi> taskUisView, Publisher publisher,
                                           Topics topics, Arns arns, Envelopes envelopes, Clock clock,
                                           FlowServiceProperties properties) {
        return new FlowDefinitions(flowDefinitionsView, workteamsView, taskUisView, publisher, topics, arns,
                envelopes, clock, properties.maxFlowDefinitions());
    }

    /**
     * RenderUiTemplate's grant_read_access: on A2I the request's role decides what it may read; here the readable
     * locations do, or any API key could presign whatever the service's S3 key can read.
     */
    @Bean
    public RenderContext previewRenderContext(S3Properties s3) {
        return RenderContext.of(new S3PresignSettings(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey(),
                PREVIEW_LINK_EXPIRY, ReadableLocations.of(s3.readableLocations())));
    }

    @Bean
    public HumanTaskUis humanTaskUis(CompactedTopicView<HumanTaskUi> taskUisView, Publisher publisher,
                                     Topics topics, Arns arns, Envelopes envelopes, Clock clock,
                                     RenderContext previewRenderContext, FlowServiceProperties properties) {
        return new HumanTaskUis(taskUisView, publisher, topics, arns, envelopes, clock, new TemplateRenderer(),
                previewRenderContext, properties.maxHumanTaskUis());
    }

    @Bean
    public Workteams workteams(CompactedTopicView<Workteam> workteamsView, FlowDefinitions flowDefinitions,
                               Publisher publisher, Topics topics, Arns arns, Envelopes envelopes, Clock clock,
                               FlowServiceProperties properties) {
        return new Workteams(workteamsView, flowDefinitions, publisher, topics, arns, envelopes, clock,
                properties.maxWorkteams());
    }

    @Bean
    public HumanLoops humanLoops(LoopStatusStore loopStatusStore, FlowDefinitions flowDefinitions,
                                 RequestReplyGateway<LoopStartRequest, LoopStartReply> loopStartGateway,
                                 Publisher publisher, Topics topics, Arns arns, Envelopes envelopes, Clock clock,
                                 FlowServiceProperties properties) {
        return new HumanLoops(loopStatusStore, flowDefinitions, loopStartGateway, publisher, topics, arns, envelopes,
                clock, properties.maxInProgressLoopsPerFlow());
    }

    @Bean
    public FilterRegistrationBean<SignatureFilter> signatureFilter(AuthProperties auth, Clock clock,
                                                                   FlowServiceProperties properties) {
        if (auth.credentials().isEmpty()) {
            log.warn("No reviewstream.auth.credentials are configured: every API call will be refused");
        }
        Map<String, String> secrets = auth.credentials().stream().collect(Collectors.toMap(
                AuthProperties.Credential::accessKeyId, AuthProperties.Credential::secretAccessKey));
        Map<String, Double> rates = auth.credentials().stream().collect(Collectors.toMap(
                AuthProperties.Credential::accessKeyId, AuthProperties.Credential::maxCallsPerSecond));
        FilterRegistrationBean<SignatureFilter> registration = new FilterRegistrationBean<>(new SignatureFilter(
                new SignatureV4(secrets, auth.maxClockSkew(), clock), new CallRates(rates, System::nanoTime),
                properties.maxRequestBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
