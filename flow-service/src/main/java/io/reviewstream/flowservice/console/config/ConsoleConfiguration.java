package io.reviewstream.flowservice.console.config;

import io.reviewstream.flowservice.config.FlowServiceProperties;
import io.reviewstream.flowservice.console.audit.ConsoleAudit;
import io.reviewstream.flowservice.console.domain.FlowVersions;
import io.reviewstream.flowservice.console.domain.KitTemplates;
import io.reviewstream.flowservice.console.domain.LoopSearch;
import io.reviewstream.flowservice.console.domain.RecentPredictions;
import io.reviewstream.flowservice.domain.HumanLoops;
import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.templates.TaskPage;
import io.reviewstream.templates.TemplateRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's parts that are not web: history reads, recent predictions, the loop search, the audit, the kits, the preview page. */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    @Bean
    public FlowVersions flowVersions(Topics topics, KafkaClients kafka, FlowServiceProperties properties) {
        return new FlowVersions(topics.flowDefinitions, kafka, properties.timeout());
    }

    @Bean
    public RecentPredictions recentPredictions(Topics topics, KafkaClients kafka, FlowServiceProperties properties) {
        return new RecentPredictions(topics.predictions, kafka, properties.timeout());
    }

    @Bean
    public LoopSearch loopSearch(HumanLoops humanLoops) {
        return new LoopSearch(humanLoops::list);
    }

    @Bean
    public ConsoleAudit consoleAudit(Publisher publisher, Topics topics, Envelopes envelopes) {
        return new ConsoleAudit(publisher, topics, envelopes);
    }

    @Bean
    public KitTemplates kitTemplates() {
        return KitTemplates.load();
    }

    /** The worker page as task-service builds it, without third-party scripts, for previews. */
    @Bean
    public TaskPage consoleTaskPage() {
        return new TaskPage(new TemplateRenderer());
    }
}
