package io.reviewstream.flowservice.security;

import io.reviewstream.embedded.RawHttp;
import io.reviewstream.flowservice.FlowServiceApplication;
import io.reviewstream.flowservice.TestFlowService;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One flow-service on the real broker and registry for every hostile-input test class (they share this
 * configuration, so Spring starts it once), and what they all check: that an answer is one the SDKs parse.
 */
@SpringBootTest(classes = FlowServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=flow-service")
abstract class HostileInputService {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACCESS_KEY = "AKIATESTHOSTILE";
    static final String SECRET_KEY = "hostile-input-test-secret";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Signer SIGNER = new Signer(ACCESS_KEY, SECRET_KEY);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestFlowService.register(registry, "hostile" + RUN + ".", ACCESS_KEY, SECRET_KEY);
        // a start is never decided here (nothing runs loop-router): do not let each one wait long
        registry.add("reviewstream.flow.timeout", () -> "2s");
    }

    @LocalServerPort
    int port;

    /** A signed control-plane call. */
    RawHttp.Response controlPlane(String operation, byte[] body) throws IOException {
        Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "SageMaker." + operation);
        return RawHttp.send(port, "POST", "/", SIGNER.sign("POST", port, "/", headers, body), body);
    }

    /** A signed runtime call; {@code target} is the path and query as sent. */
    RawHttp.Response runtime(String method, String target, byte[] body) throws IOException {
        Map<String, String> headers = body.length == 0 ? Map.of() : Map.of("Content-Type", "application/json");
        return RawHttp.send(port, method, target, SIGNER.sign(method, port, target, headers, body), body);
    }

    /**
     * What is wrong with an answer, or nothing when it is one the SDKs parse: 2xx, or a 4xx with the error code in
     * {@code x-amzn-ErrorType} and in the JSON body's {@code __type}, a message, and a code of {@code allowed}.
     */
    static List<String> problems(RawHttp.Response response, Set<String> allowed) {
        List<String> problems = new ArrayList<>();
        if (response.status() >= 500) {
            problems.add("status " + response.status());
        }
        if (response.status() >= 200 && response.status() < 300) {
            return problems;
        }
        String code = response.header("x-amzn-ErrorType");
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            problems.add("a body that is not JSON: " + abbreviated(response.text()));
            return problems;
        }
        if (body == null || !body.isObject()) {
            problems.add("a body that is no JSON object: " + abbreviated(response.text()));
            return problems;
        }
        if (code == null || !code.equals(body.path("__type").asString(null))) {
            problems.add("error type header " + code + " and __type " + body.get("__type") + " differ");
        }
        if (!body.path("Message").isString()) {
            problems.add("no Message");
        }
        if (code != null && !allowed.contains(code)) {
            problems.add("undocumented code " + code);
        }
        return problems;
    }

    static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
