package io.reviewstream.flowservice.security;

import io.reviewstream.embedded.RequiredTools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An AWS service model as botocore ships it ({@code service-2.json}): operations, their input shapes and their
 * modeled errors. The models come from the Python botocore installed on the machine; see {@link RequiredTools}.
 */
final class ServiceModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A member of a structure: its name, its shape, and where a REST call carries it. */
    record Member(String name, String shape, String location, String locationName, boolean required) {
    }

    private final JsonNode model;

    private ServiceModel(JsonNode model) {
        this.model = model;
    }

    /** The newest model of {@code service} in the installed botocore; skips (or fails in CI) without one. */
    static ServiceModel installed(String service) throws IOException, InterruptedException {
        Path data = botocoreData();
        Path dir = data == null ? null : data.resolve(service);
        RequiredTools.assumeAvailable(dir != null && Files.isDirectory(dir),
                "botocore's AWS service models, to fuzz the API from them (apt-get install python3-botocore)");
        Path version;
        try (Stream<Path> versions = Files.list(dir)) {
            version = versions.filter(p -> Files.exists(p.resolve("service-2.json")))
                    .max(Comparator.comparing(Path::getFileName)).orElseThrow();
        }
        return new ServiceModel(JSON.readTree(version.resolve("service-2.json").toFile()));
    }

    private static Path botocoreData() throws InterruptedException {
        try {
            Process python = new ProcessBuilder("/usr/bin/python3", "-c",
                    "import botocore,os;print(os.path.dirname(botocore.__file__))").redirectErrorStream(true).start();
            String out = new String(python.getInputStream().readAllBytes()).trim();
            if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
                return null;
            }
            return Path.of(out, "data");
        } catch (IOException noPython) {
            return null;
        }
    }

    boolean hasOperation(String operation) {
        return model.path("operations").has(operation);
    }

    String inputShape(String operation) {
        return model.path("operations").path(operation).path("input").path("shape").asString();
    }

    String httpMethod(String operation) {
        return model.path("operations").path(operation).path("http").path("method").asString();
    }

    String requestUri(String operation) {
        return model.path("operations").path(operation).path("http").path("requestUri").asString();
    }

    /** The operation's modeled error codes, with the HTTP status the model gives each (0 when it gives none). */
    Map<String, Integer> errors(String operation) {
        Map<String, Integer> errors = new HashMap<>();
        for (JsonNode error : model.path("operations").path(operation).path("errors")) {
            String name = error.path("shape").asString();
            errors.put(name, shape(name).path("error").path("httpStatusCode").asInt(0));
        }
        return errors;
    }

    JsonNode shape(String name) {
        return model.path("shapes").path(name);
    }

    String type(String shape) {
        return shape(shape).path("type").asString();
    }

    List<Member> members(String structure) {
        JsonNode shape = shape(structure);
        List<String> required = new ArrayList<>();
        shape.path("required").forEach(r -> required.add(r.asString()));
        List<Member> members = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : shape.path("members").properties()) {
            JsonNode m = member.getValue();
            members.add(new Member(member.getKey(), m.path("shape").asString(), m.path("location").asString(null),
                    m.path("locationName").asString(member.getKey()), required.contains(member.getKey())));
        }
        return members;
    }

    /** The shape of a list's items. */
    String listMember(String list) {
        return shape(list).path("member").path("shape").asString();
    }
}
