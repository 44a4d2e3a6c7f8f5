package io.reviewstream.flowservice.security;

import io.reviewstream.embedded.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation flow-service serves, driven from the AWS service models: for each member of its input, at every
 * depth, values of the wrong type, beyond the model's lengths and ranges, against its pattern and enum, and missing;
 * unknown members, bodies that are no JSON or no UTF-8, NextTokens no listing handed out, bodies over the size
 * limit. Each request is properly signed, so it reaches the operation. The only answers allowed are 2xx, or a 4xx in
 * the AWS error shape with a code the model lists for the operation or a common one, within a few seconds.
 * Generation is seeded, so every run sends the same requests.
 */
class ModelFuzzTest extends HostileInputService {

    static final long SEED = 20_261_203L;
    /** Requests per operation besides the malformed bodies: enough to reach every member with several values. */
    static final int MUTATIONS_PER_OPERATION = 300;
    /** Requests per operation with several members changed at once, before the sample is drawn. */
    static final int COMBINED_PER_OPERATION = 80;
    static final Duration SLOWEST_ALLOWED = Duration.ofSeconds(5);
    static final String ROLE = "arn:aws:iam::111122223333:role/fuzz";
    static final String CONDITIONS = "{\"Conditions\":[{\"ConditionType\":\"Sampling\","
            + "\"ConditionParameters\":{\"RandomSamplingPercentage\":10}}]}";
    /** In the order they run: deletions last, so that the other operations find the resources they name. */
    static final List<String> CONTROL_PLANE = List.of("CreateWorkteam", "CreateHumanTaskUi", "CreateFlowDefinition",
            "DescribeWorkteam", "DescribeHumanTaskUi", "DescribeFlowDefinition", "ListWorkteams", "ListHumanTaskUis",
            "ListFlowDefinitions", "UpdateWorkteam", "RenderUiTemplate", "DeleteFlowDefinition", "DeleteHumanTaskUi",
            "DeleteWorkteam");
    static final List<String> RUNTIME = List.of("StartHumanLoop", "DescribeHumanLoop", "ListHumanLoops",
            "StopHumanLoop", "DeleteHumanLoop");
    /** Errors any operation may answer with besides its modeled ones (a2i-compat.md §1.4, §2.2). */
    static final Set<String> COMMON = Set.of("ValidationException", "SerializationException",
            "UnknownOperationException", "ThrottlingException");
    static final int MAX_REQUEST_BYTES = 20_971_520;
    /** How the requests that are for no operation are counted: in parentheses, as no operation is named so. */
    static final String NO_OPERATION = "(no operation)";
    static final String OVERSIZE = "(body over the limit)";
    /**
     * Refusals of Reviewstream's own beyond the model's list, each with a SageMaker code the SDKs know: a work team
     * that a flow definition sends loops to is not deleted.
     */
    static final Map<String, Set<String>> BEYOND_THE_MODEL = Map.of("DeleteWorkteam", Set.of("ResourceInUse"));

    /** A member, by its path of names and list indexes, set to a value (null: left out). */
    record Change(List<Object> path, JsonNode value) {
    }

    /** One request to send. */
    record Case(String operation, String what, String method, String target, Map<String, String> headers,
                byte[] body) {
    }

    private final Map<String, JsonNode> known = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Integer> perOperation = new TreeMap<>();
    private final Map<String, Integer> answers = new TreeMap<>();
    private long slowestNanos;
    private String slowest;

    @Test
    void everyOperationAnswersEveryHostileInputWithADocumentedClientError() throws Exception {
        ServiceModel sageMaker = ServiceModel.installed("sagemaker");
        ServiceModel runtime = ServiceModel.installed("sagemaker-a2i-runtime");
        createResources();
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (String operation : CONTROL_PLANE) {
            assertThat(sageMaker.hasOperation(operation)).as(operation).isTrue();
            cases.addAll(controlPlaneCases(sageMaker, operation, random));
        }
        for (String operation : RUNTIME) {
            assertThat(runtime.hasOperation(operation)).as(operation).isTrue();
            cases.addAll(runtimeCases(runtime, operation, random));
        }
        cases.addAll(oversizeAndUnknownOperations());

        long started = System.nanoTime();
        for (Case c : cases) {
            send(c, c.operation().startsWith("(") ? Map.of("UnknownOperationException", 0, "ValidationException", 0)
                    : allowedErrors(RUNTIME.contains(c.operation()) ? runtime : sageMaker, c.operation()));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("Model fuzz (seed %d): %d requests in %d s, slowest %d ms (%s)%n", SEED, cases.size(),
                took.toSeconds(), slowestNanos / 1_000_000, slowest);
        System.out.println("Requests per operation: " + perOperation);
        System.out.println("Answers by status and code: " + answers);
        assertThat(violations).as("answers that are no documented client error in the AWS shape").isEmpty();
    }

    private void createResources() throws IOException {
        known.put("WorkteamName", text("Fuzz-" + RUN));
        known.put("WorkforceName", text("default"));
        known.put("HumanTaskUiName", text("fuzz-ui-" + RUN));
        known.put("FlowDefinitionName", text("fuzz-flow-" + RUN));
        known.put("HumanLoopName", text("fuzz-loop-" + RUN));
        known.put("RoleArn", text(ROLE));
        known.put("S3OutputPath", text("s3://reviewstream-output/fuzz"));
        known.put("HumanLoopActivationConditions", text(CONDITIONS));
        known.put("Content", text("<p>{{ task.input.x }}</p>"));
        known.put("Input", text("{\"x\":1}"));
        known.put("InputContent", text("{\"x\":1}"));
        known.put("TaskTitle", text("t"));
        known.put("TaskDescription", text("d"));
        known.put("TaskCount", HostileValues.NODES.numberNode(1));
        known.put("UserPool", text("us-east-1_abc"));
        known.put("UserGroup", text("g"));
        known.put("ClientId", text("c"));
        known.put("Description", text("d"));
        known.put("NotificationTopicArn", text("arn:aws:sns:us-east-1:111122223333:t"));
        known.put("Key", text("k"));
        known.put("Value", text("v"));
        known.put("Groups", HostileValues.NODES.arrayNode().add("g"));
        known.put("TaskKeywords", HostileValues.NODES.arrayNode().add("fuzz"));
        ArrayNode members = HostileValues.NODES.arrayNode();
        members.addObject().putObject("OidcMemberDefinition").putArray("Groups").add("g");
        known.put("MemberDefinitions", members);

        known.put("WorkteamArn", text(created("CreateWorkteam", b -> b.put("WorkteamName", "Fuzz-" + RUN)
                .put("Description", "d").set("MemberDefinitions", members), "WorkteamArn")));
        known.put("HumanTaskUiArn", text(created("CreateHumanTaskUi", b -> b.put("HumanTaskUiName", "fuzz-ui-" + RUN)
                .putObject("UiTemplate").put("Content", "<p>{{ task.input.x }}</p>"), "HumanTaskUiArn")));
        created("CreateFlowDefinition", b -> {
            b.put("FlowDefinitionName", "fuzz-flow-" + RUN).put("RoleArn", ROLE)
                    .putObject("OutputConfig").put("S3OutputPath", "s3://reviewstream-output/fuzz");
            b.putObject("HumanLoopConfig").put("WorkteamArn", known.get("WorkteamArn").asString())
                    .put("HumanTaskUiArn", known.get("HumanTaskUiArn").asString()).put("TaskTitle", "t")
                    .put("TaskDescription", "d").put("TaskCount", 1);
        }, "FlowDefinitionArn");
        // a flow that starts no loops (it has no HumanLoopConfig): StartHumanLoop gets as far as the flow, and no
        // further, since nothing runs loop-router here to decide a start
        known.put("FlowDefinitionArn", text(created("CreateFlowDefinition", b -> b
                .put("FlowDefinitionName", "fuzz-noconfig-" + RUN).put("RoleArn", ROLE)
                .putObject("OutputConfig").put("S3OutputPath", "s3://reviewstream-output/fuzz"),
                "FlowDefinitionArn")));
    }

    private String created(String operation, Consumer<ObjectNode> body, String arnMember) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        body.accept(request);
        RawHttp.Response response = controlPlane(operation, JSON.writeValueAsBytes(request));
        assertThat(response.status()).as(operation + ": " + response.text()).isEqualTo(200);
        return JSON.readTree(response.body()).path(arnMember).asString();
    }

    private List<Case> controlPlaneCases(ServiceModel model, String operation, Random random) {
        ObjectNode baseline = baseline(model, operation);
        List<Case> mutated = new ArrayList<>();
        for (ObjectNode body : mutations(model, model.inputShape(operation), baseline, random)) {
            mutated.add(controlPlaneCase(operation, "mutated member", HostileValues.write(JSON, body)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        List<Case> cases = new ArrayList<>();
        cases.add(controlPlaneCase(operation, "baseline", JSON.writeValueAsBytes(baseline)));
        cases.addAll(sample(mutated, random));
        for (byte[] body : HostileValues.malformedBodies()) {
            cases.add(controlPlaneCase(operation, "malformed body", body));
        }
        return cases;
    }

    private Case controlPlaneCase(String operation, String what, byte[] body) {
        return new Case(operation, what, "POST", "/", Map.of("Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "SageMaker." + operation), body);
    }

    private List<Case> runtimeCases(ServiceModel model, String operation, Random random) {
        ObjectNode baseline = baseline(model, operation);
        List<Case> mutated = new ArrayList<>();
        for (ObjectNode request : mutations(model, model.inputShape(operation), baseline, random)) {
            mutated.add(runtimeCase(model, operation, "mutated member", request));
        }
        List<Case> cases = new ArrayList<>();
        cases.add(runtimeCase(model, operation, "baseline", baseline));
        cases.addAll(sample(mutated, random));
        if (model.httpMethod(operation).equals("POST")) {
            for (byte[] body : HostileValues.malformedBodies()) {
                cases.add(new Case(operation, "malformed body", "POST", model.requestUri(operation),
                        Map.of("Content-Type", "application/json"), body));
            }
        }
        return cases;
    }

    /** The members a REST call carries in its path and query go there, the others in a JSON body. */
    private Case runtimeCase(ServiceModel model, String operation, String what, ObjectNode request) {
        String path = model.requestUri(operation);
        List<String> query = new ArrayList<>();
        ObjectNode body = JSON.createObjectNode();
        for (ServiceModel.Member member : model.members(model.inputShape(operation))) {
            JsonNode value = request.get(member.name());
            if ("uri".equals(member.location())) {
                path = path.replace("{" + member.locationName() + "}",
                        value == null || value.isNull() ? "" : Signer.uriEncode(asText(value)));
            } else if ("querystring".equals(member.location())) {
                if (value != null && !value.isNull()) {
                    query.add(member.locationName() + "=" + Signer.uriEncode(asText(value)));
                }
            } else if (value != null) {
                body.set(member.name(), value);
            }
        }
        request.properties().stream().filter(e -> model.members(model.inputShape(operation)).stream()
                .noneMatch(m -> m.name().equals(e.getKey()))).forEach(e -> body.set(e.getKey(), e.getValue()));
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        boolean hasBody = model.httpMethod(operation).equals("POST");
        return new Case(operation, what, model.httpMethod(operation), target,
                hasBody ? Map.of("Content-Type", "application/json") : Map.of(),
                hasBody ? HostileValues.write(JSON, body).getBytes(StandardCharsets.UTF_8) : new byte[0]);
    }

    private static String asText(JsonNode value) {
        return value.isString() ? HostileValues.write(JSON, value).replaceAll("^\"|\"$", "") : value.toString();
    }

    /** Bodies over the limit for each protocol, and operations the API does not have. */
    private List<Case> oversizeAndUnknownOperations() {
        byte[] huge = new byte[MAX_REQUEST_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        List<Case> cases = new ArrayList<>();
        Case controlPlane = controlPlaneCase("CreateHumanTaskUi", "body over the limit", huge);
        cases.add(new Case(OVERSIZE, controlPlane.what(), "POST", "/", controlPlane.headers(), huge));
        cases.add(new Case(OVERSIZE, "body over the limit", "POST", "/human-loops",
                Map.of("Content-Type", "application/json"), huge));
        for (String target : List.of("SageMaker.", "SageMaker.ListEndpoints", "sagemaker.listworkteams",
                "SageMaker.ListWorkteams.x", "SageMaker." + "A".repeat(4_000), "SageMaker.ListWorkteams\u0001")) {
            cases.add(new Case(NO_OPERATION, "unknown operation", "POST", "/",
                    Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target), "{}".getBytes()));
        }
        for (String[] call : new String[][]{{"PUT", "/human-loops"}, {"PATCH", "/human-loops/x"},
                {"POST", "/human-loops/x/y"}, {"GET", "/"}, {"OPTIONS", "/"}}) {
            cases.add(new Case(NO_OPERATION, "unknown operation", call[0], call[1], Map.of(), new byte[0]));
        }
        return cases;
    }

    /** The known member values where the model's shape allows them; every required member is there. */
    private ObjectNode baseline(ServiceModel model, String operation) {
        ObjectNode request = (ObjectNode) valid(model, model.inputShape(operation), null, 0);
        if (operation.startsWith("Create")) {
            // a new resource, not the one the other operations use
            for (String name : List.of("WorkteamName", "HumanTaskUiName", "FlowDefinitionName")) {
                if (request.has(name)) {
                    request.put(name, request.get(name).asString().replace("uzz-", "uzz-new-"));
                }
            }
        }
        if (operation.equals("RenderUiTemplate")) {
            request.putObject("UiTemplate").put("Content", known.get("Content").asString());
        }
        if (operation.equals("ListHumanLoops")) {
            request.set("FlowDefinitionArn", known.get("FlowDefinitionArn"));
        }
        return request;
    }

    private JsonNode valid(ServiceModel model, String shape, String member, int depth) {
        if (member != null && known.containsKey(member)) {
            return known.get(member).deepCopy();
        }
        JsonNode definition = model.shape(shape);
        return switch (model.type(shape)) {
            case "structure" -> {
                ObjectNode out = JSON.createObjectNode();
                if (depth < 5) {
                    for (ServiceModel.Member m : model.members(shape)) {
                        if (m.required()) {
                            out.set(m.name(), valid(model, m.shape(), m.name(), depth + 1));
                        }
                    }
                }
                yield out;
            }
            case "list" -> JSON.createArrayNode().add(valid(model, model.listMember(shape), null, depth + 1));
            case "integer", "long" -> HostileValues.NODES.numberNode(Math.max(1, definition.path("min").asLong(1)));
            case "boolean" -> HostileValues.NODES.booleanNode(true);
            case "timestamp" -> HostileValues.NODES.numberNode(Instant.now().getEpochSecond());
            default -> definition.has("enum") ? definition.path("enum").get(0).deepCopy()
                    : text("a".repeat(Math.max(1, definition.path("min").asInt(1))));
        };
    }

    /**
     * The baseline with one member, at any depth, set to each hostile value of its shape or left out; then with
     * two or three of those changes at once, which gets past checks that stop at the first bad member.
     */
    private List<ObjectNode> mutations(ServiceModel model, String shape, ObjectNode baseline, Random random) {
        List<Change> changes = new ArrayList<>();
        mutate(model, shape, new ArrayList<>(), changes);
        List<ObjectNode> out = new ArrayList<>();
        for (Change change : changes) {
            out.add(with(baseline, change.path(), change.value()));
        }
        for (int i = 0; i < COMBINED_PER_OPERATION && changes.size() > 1; i++) {
            ObjectNode combined = baseline;
            for (int n = 2 + random.nextInt(2); n > 0; n--) {
                Change change = changes.get(random.nextInt(changes.size()));
                combined = with(combined, change.path(), change.value());
            }
            out.add(combined);
        }
        ObjectNode unknown = baseline.deepCopy();
        Map.Entry<String, JsonNode> extra = HostileValues.unknownMember();
        unknown.set(extra.getKey(), extra.getValue());
        out.add(unknown);
        for (ServiceModel.Member member : model.members(shape)) {
            if (member.name().equals("NextToken")) {
                for (String token : HostileValues.badNextTokens()) {
                    ObjectNode request = baseline.deepCopy();
                    request.put("NextToken", token);
                    out.add(request);
                }
            }
        }
        return out;
    }

    private static void mutate(ServiceModel model, String structure, List<Object> path, List<Change> out) {
        if (path.size() > 4) {
            return;
        }
        for (ServiceModel.Member member : model.members(structure)) {
            List<Object> at = new ArrayList<>(path);
            at.add(member.name());
            out.add(new Change(at, null));
            for (JsonNode value : HostileValues.forShape(model, member.shape())) {
                out.add(new Change(at, value));
            }
            String type = model.type(member.shape());
            if (type.equals("structure")) {
                mutate(model, member.shape(), at, out);
            } else if (type.equals("list") && model.type(model.listMember(member.shape())).equals("structure")) {
                List<Object> item = new ArrayList<>(at);
                item.add(0);
                mutate(model, model.listMember(member.shape()), item, out);
            }
        }
    }

    /** A copy of the baseline with the value at {@code path} replaced (null: removed), made where it is missing. */
    private static ObjectNode with(ObjectNode baseline, List<Object> path, JsonNode value) {
        ObjectNode copy = baseline.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            boolean listNext = path.get(i + 1) instanceof Integer;
            JsonNode child = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
            if (child == null || !(listNext ? child.isArray() : child.isObject())) {
                child = listNext ? JSON.createArrayNode() : JSON.createObjectNode();
                if (step instanceof String name) {
                    ((ObjectNode) parent).set(name, child);
                } else {
                    ((ArrayNode) parent).set((Integer) step, child);
                }
            }
            if (listNext && child.isEmpty()) {
                ((ArrayNode) child).addObject();
            }
            parent = child;
        }
        if (parent instanceof ObjectNode object && path.get(path.size() - 1) instanceof String name) {
            if (value == null) {
                object.remove(name);
            } else {
                object.set(name, value);
            }
        }
        return copy;
    }

    private static List<Case> sample(List<Case> cases, Random random) {
        List<Case> shuffled = new ArrayList<>(cases);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(MUTATIONS_PER_OPERATION, shuffled.size()));
    }

    /** @return the codes allowed, each with the HTTP status the model gives it, or 0 for any 4xx */
    private static Map<String, Integer> allowedErrors(ServiceModel model, String operation) {
        Map<String, Integer> allowed = new java.util.HashMap<>();
        COMMON.forEach(code -> allowed.put(code, 0));
        BEYOND_THE_MODEL.getOrDefault(operation, Set.of()).forEach(code -> allowed.put(code, 0));
        allowed.putAll(model.errors(operation));
        return allowed;
    }

    private void send(Case c, Map<String, Integer> allowed) throws IOException {
        List<String[]> headers = SIGNER.sign(c.method(), port, c.target(), c.headers(), c.body());
        RawHttp.Response response = RawHttp.send(port, c.method(), c.target(), headers, c.body());
        perOperation.merge(c.operation(), 1, Integer::sum);
        String code = response.header("x-amzn-ErrorType");
        answers.merge(response.status() + (code == null ? "" : " " + code), 1, Integer::sum);
        if (response.nanos() > slowestNanos) {
            slowestNanos = response.nanos();
            slowest = c.operation() + " " + c.what();
        }
        List<String> problems = new ArrayList<>(problems(response, allowed.keySet()));
        int modeledStatus = code == null ? 0 : allowed.getOrDefault(code, 0);
        if (modeledStatus != 0 && modeledStatus != response.status()) {
            problems.add(code + " with status " + response.status() + " instead of " + modeledStatus);
        }
        if (response.status() < 200 || (response.status() >= 300 && response.status() < 400)) {
            problems.add("status " + response.status());
        }
        String contentType = c.target().startsWith("/human-loops") ? "application/json"
                : "application/x-amz-json-1.1";
        // an answer without a body (an OPTIONS request's) needs no type; a request line too long to be read is
        // answered without knowing which of the two APIs it was for
        if (response.body().length > 0 && (response.header("Content-Type") == null
                || !response.header("Content-Type").startsWith(contentType) && c.target().length() < 8_000)) {
            problems.add("content type " + response.header("Content-Type"));
        }
        if (response.nanos() > SLOWEST_ALLOWED.toNanos()) {
            problems.add("took " + response.nanos() / 1_000_000 + " ms");
        }
        if (!problems.isEmpty()) {
            violations.add(c.operation() + " (" + c.what() + ") " + c.method() + " "
                    + abbreviated(c.target()) + " body " + abbreviated(new String(c.body(), StandardCharsets.UTF_8))
                    + " → " + response.status() + " " + abbreviated(response.text()) + ": " + problems);
        }
    }

    private static JsonNode text(String value) {
        return HostileValues.NODES.stringNode(value);
    }
}
