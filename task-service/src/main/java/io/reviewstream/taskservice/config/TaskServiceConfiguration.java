package io.reviewstream.taskservice.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.config.ReviewstreamKafkaProperties;
import io.reviewstream.schemas.config.S3Properties;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.reply.RequestReplyGateway;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.streams.StreamsApp;
import io.reviewstream.schemas.streams.StreamsApps;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import io.reviewstream.taskservice.domain.TeamShard;
import io.reviewstream.taskservice.domain.WorkteamDirectory;
import io.reviewstream.taskservice.security.WorkerPrincipals;
import io.reviewstream.taskservice.topology.TaskServiceTopology;
import io.reviewstream.taskservice.web.ClaimWaits;
import io.reviewstream.taskservice.web.TaskOpenings;
import io.reviewstream.taskservice.web.WaitingClaims;
import io.reviewstream.templates.ReadableLocations;
import io.reviewstream.templates.RenderContext;
import io.reviewstream.templates.S3PresignSettings;
import io.reviewstream.templates.ScriptOrigins;
import io.reviewstream.templates.TaskPage;
import io.reviewstream.templates.TemplateRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Clock;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
public class TaskServiceConfiguration {

    public static final String SERVICE = "task-service";

    @Bean
    public KafkaAdmin.NewTopics taskServiceInternalTopics(Topics topics, SerdeFactory serdes,
                                                          ReviewstreamKafkaProperties kafka) {
        return new KafkaAdmin.NewTopics(
                TaskServiceTopology.commandsTopic(topics, serdes).newTopic(kafka.partitions(), kafka.replicationFactor()),
                TaskServiceTopology.repliesTopic(topics, serdes).newTopic(kafka.partitions(), kafka.replicationFactor()),
                TaskServiceTopology.templatesTopic(topics, serdes).newTopic(kafka.partitions(),
                        kafka.replicationFactor()));
    }

    @Bean
    public StreamsApp taskServiceStreams(StreamsApps apps, Topics topics, SerdeFactory serdes, Envelopes envelopes,
                                         Clock clock, TaskProperties tasks, MeterRegistry meters,
                                         KafkaAdmin.NewTopics taskServiceInternalTopics) {
        return apps.create(new StreamsApps.Instance(SERVICE, tasks.applicationId(), tasks.stateDir(),
                        tasks.streamThreads()),
                TaskServiceTopology.build(topics, serdes, envelopes, clock, tasks, meters),
                StreamsApp.commitEvery(tasks.commitInterval()));
    }

    @Bean
    public RequestReplyGateway<TaskCommand, TaskReply> taskCommandGateway(
            Topics topics, SerdeFactory serdes, TaskProperties tasks, KafkaClients kafka,
            StreamsApp taskServiceStreams) {
        // commands go to the owner of their team's shard; replies are keyed by the command's correlation id
        return new RequestReplyGateway<>(TaskServiceTopology.commandsTopic(topics, serdes),
                TaskServiceTopology.repliesTopic(topics, serdes),
                new RequestReplyGateway.Correlation<>(
                        command -> new TeamShard(command.getTeam(), command.getShard()).key(),
                        command -> command.getEnvelope().getCorrelationId(), (key, reply) -> key),
                kafka, tasks.replyTimeout());
    }

    @Bean
    public CompactedTopicView<Workteam> workteamsView(Topics topics, KafkaClients kafka) {
        return new CompactedTopicView<>(topics.workteams, kafka);
    }

    @Bean
    public ClaimWaits claimWaits(TaskProperties tasks, MeterRegistry meters) {
        return new ClaimWaits(tasks.maxWaitingClaims(), meters);
    }

    @Bean
    public TaskOpenings taskOpenings(Topics topics, KafkaClients kafka, ClaimWaits claimWaits) {
        return new TaskOpenings(topics.taskEvents, kafka, claimWaits);
    }

    @Bean
    public WaitingClaims waitingClaims(RequestReplyGateway<TaskCommand, TaskReply> taskCommandGateway,
                                       Envelopes envelopes, TaskProperties tasks, ClaimWaits claimWaits) {
        return new WaitingClaims(taskCommandGateway, envelopes, tasks, claimWaits);
    }

    @Bean
    public CompactedTopicView<TeamQueue> teamQueuesView(Topics topics, SerdeFactory serdes, KafkaClients kafka) {
        return new CompactedTopicView<>(topics.taskQueues, kafka);
    }

    @Bean
    public CompactedTopicView<HumanTaskUi> taskTemplatesView(Topics topics, SerdeFactory serdes,
                                                             KafkaClients kafka) {
        return new CompactedTopicView<>(TaskServiceTopology.templatesTopic(topics, serdes), kafka);
    }

    @Bean
    public TaskPage taskPage(PortalProperties portal) {
        return new TaskPage(new TemplateRenderer(), ScriptOrigins.of(portal.scriptOrigins()));
    }

    /**
     * grant_read_access presigns for the object storage the outputs go to, at the address the workers' browsers
     * use for it (the signature covers the host, so the URL cannot be rewritten afterwards), and only for the
     * readable locations: task input comes from whoever starts loops and must not reach every bucket the key can.
     */
    @Bean
    public RenderContext workerPageRenderContext(S3Properties s3, PortalProperties portal) {
        return RenderContext.of(new S3PresignSettings(portal.presignEndpointOr(s3.endpoint()), s3.region(),
                s3.accessKey(), s3.secretKey(), portal.presignExpiry(), ReadableLocations.of(s3.readableLocations())));
    }

    @Bean
    public WorkteamDirectory workteamDirectory(CompactedTopicView<Workteam> workteamsView) {
        return new WorkteamDirectory(workteamsView);
    }

    @Bean
    public WorkerPrincipals workerPrincipals(PortalProperties portal) {
        return new WorkerPrincipals(portal);
    }
}
