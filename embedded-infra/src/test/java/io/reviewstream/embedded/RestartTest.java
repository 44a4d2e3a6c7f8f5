package io.reviewstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarting on the same data folder resumes: what the standalone mode relies on. */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void registryKeepsSchemaIdsAcrossARestart() throws Exception {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start("127.0.0.1", 0, data.resolve("registry"),
                Path.of(System.getProperty("java.io.tmpdir"), "reviewstream-cache"))) {
            String id = EmbeddedInfraTest.Registry.register(registry.url(), "kept-value",
                    "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\",\\\"fields\\\":[]}");

            registry.restart();

            assertThat(EmbeddedInfraTest.Registry.get(registry.url() + "/schemas/ids/" + id)).contains("Kept");
            String next = EmbeddedInfraTest.Registry.register(registry.url(), "other-value", "{\\\"type\\\":\\\"int\\\"}");
            assertThat(next).isNotEqualTo(id);
        }
    }

    @Test
    void brokerKeepsTopicsAcrossARestart() throws Exception {
        Path folder = data.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start("127.0.0.1", 0, 0, folder);
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
        }
        try (KafkaBroker broker = KafkaBroker.start("127.0.0.1", 0, 0, folder);
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains("kept");
        }
    }
}
