package io.reviewstream.schemas.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the Confluent Schema Registry REST API (served by Apicurio Registry under {@code /apis/ccompat/v7}).
 * Speaking that API, rather than a registry's native one, is what makes our topics readable by every Confluent-format
 * consumer: the id in a record's header is exactly the id {@code GET /schemas/ids/{id}} resolves.
 *
 * <p>Lookups are cached for the life of the client: a registered schema id never changes its schema.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String baseUrl;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String baseUrl) {
        this(RegistryConnection.plain(baseUrl));
    }

    public SchemaRegistryClient(RegistryConnection connection) {
        String url = connection.baseUrl();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = connection.authorization();
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        connection.sslContext().ifPresent(http::sslContext);
        this.http = http.build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is already there),
     * with BACKWARD compatibility required for the subject, so that the registry refuses an incompatible change.
     */
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\n' + schema.toString();
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        String encodedSubject = URLEncoder.encode(subject, StandardCharsets.UTF_8);
        send("PUT", "/config/" + encodedSubject, json.createObjectNode().put("compatibility", "BACKWARD").toString());
        String body = json.createObjectNode().put("schema", schema.toString()).toString();
        JsonNode response = send("POST", "/subjects/" + encodedSubject + "/versions", body);
        int id = response.get("id").asInt();
        schemasById.putIfAbsent(id, schema);
        idsBySubjectAndSchema.put(cacheKey, id);
        return id;
    }

    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, missing -> {
            JsonNode response = send("GET", "/schemas/ids/" + missing, null);
            return new Schema.Parser().parse(response.get("schema").asString());
        });
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", CONTENT_TYPE + ", application/json");
        authorization.ifPresent(value -> request.header("Authorization", value));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SerializationException("Schema registry at " + baseUrl + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SerializationException("Interrupted while calling the schema registry", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new SerializationException("Schema registry at " + baseUrl + " refused the credentials ("
                    + response.statusCode() + "); check reviewstream.schema-registry.basic-auth-user-info, "
                    + "bearer-auth-token or the user info of reviewstream.kafka.schema-registry-url");
        }
        if (response.statusCode() / 100 != 2) {
            throw new SerializationException("Schema registry " + method + " " + path + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
