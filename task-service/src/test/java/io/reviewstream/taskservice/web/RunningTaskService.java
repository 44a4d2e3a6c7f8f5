package io.reviewstream.taskservice.web;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

/**
 * One running task-service in standalone mode (built-in users from a file), shared by the tests that extend this
 * class (same configuration, so Spring reuses one context).
 */
abstract class RunningTaskService extends TaskServiceFixture {

    static final String PASSWORD = "secret-password";
    /** Shards of the team "sharded". */
    static final int SHARDS = 3;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Path STATE;
    private static final Path USERS;

    static {
        try {
            STATE = Files.createTempDirectory("task-service-test");
            USERS = STATE.resolve("users.txt");
            String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
            Files.writeString(USERS, "# test workers\nalice:" + hash + ":group-a\nbob:" + hash + ":group-a,other\n"
                    + "carol:" + hash + ":group-b\ndave:" + hash + ":group-lease\nerin:" + hash + ":group-lease\n"
                    // whose passwords the throttling tests guess, so that no other test's worker is locked out
                    + "frank:" + hash + ":group-a\ngrace:" + hash + ":group-a\n"
                    // who wait for work in the claim-wait tests
                    + "henry:" + hash + ":group-wait\nivan:" + hash + ":group-wait\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void standalone(DynamicPropertyRegistry registry) {
        infrastructure(registry, RUN, STATE.resolve("state"));
        registry.add("reviewstream.portal.users-file", USERS::toString);
        registry.add("reviewstream.tasks.shards-per-team.sharded", () -> SHARDS);
        registry.add("reviewstream.tasks.shards-per-team.waiting", () -> 2);
    }

    final HttpClient http = HttpClient.newHttpClient();

    /** A worker's GET with HTTP Basic. */
    final HttpResponse<String> get(String user, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic(user, PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A worker's JSON POST with HTTP Basic, with an Idempotency-Key unless null. */
    final HttpResponse<String> post(String user, String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basic(user, PASSWORD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
