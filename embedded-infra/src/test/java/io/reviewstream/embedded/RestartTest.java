package io.reviewstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting again on the same data folder resumes where the last run stopped: what the standalone mode relies on. */
class RestartTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void theRegistryKeepsSchemaIdsAcrossARestart() throws Exception {
        try (SchemaRegistryServer registry = new SchemaRegistryServer(data.resolve("registry"), 0).start()) {
            String id = register(registry.url(), "kept-value", "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\",\\\"fields\\\":[]}");

            registry.close();
            registry.start();

            assertThat(get(registry.url() + "/schemas/ids/" + id)).contains("Kept");
            // a new schema must not reuse the id of a record already on a topic
            assertThat(register(registry.url(), "other-value", "\\\"int\\\"")).isNotEqualTo(id);
        }
    }

    @Test
    void theBrokerKeepsTopicsAcrossARestart() throws Exception {
        Path logDir = data.resolve("kafka");
        try (KafkaBroker broker = new KafkaBroker(logDir, 0, 0).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
        }
        try (KafkaBroker broker = new KafkaBroker(logDir, 0, 0).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("kept");
        }
    }

    private String register(String registryUrl, String subject, String escapedSchema) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(registryUrl + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + escapedSchema + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll("\\D", "");
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
