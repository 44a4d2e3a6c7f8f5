package io.reviewstream.flowservice.api;

import io.reviewstream.flowservice.domain.HumanLoops;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.event.HumanLoopStatuses;
import io.reviewstream.schemas.status.LoopStatusStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The A2I runtime API (sagemaker-a2i-runtime) in REST-JSON under {@code /human-loops}. */
@RestController
public class RuntimeController {

    private static final MediaType JSON = MediaType.APPLICATION_JSON;
    private static final Set<String> CONTENT_CLASSIFIERS = Set.of("FreeOfPersonallyIdentifiableInformation",
            "FreeOfAdultContent");
    private static final int MAX_INPUT_CONTENT = 3_145_728;

    private final HumanLoops loops;
    private final MeterRegistry meters;

    public RuntimeController(HumanLoops loops, MeterRegistry meters) {
        this.loops = loops;
        this.meters = meters;
    }

    @PostMapping(Protocol.RUNTIME_PATH)
    public ResponseEntity<byte[]> start(@RequestBody(required = false) byte[] body) {
        count("StartHumanLoop");
        Input input = Input.parse(body);
        String name = input.string("HumanLoopName", true, 1, 63, Patterns.HUMAN_LOOP_NAME);
        String flowArn = input.string("FlowDefinitionArn", true, 0, 1024, Patterns.FLOW_DEFINITION_ARN);
        Input loopInput = input.object("HumanLoopInput", true);
        String content = loopInput == null ? null : loopInput.string("InputContent", true, 0, MAX_INPUT_CONTENT);
        Input attributes = input.object("DataAttributes", false);
        List<String> classifiers = attributes == null ? null
                : attributes.strings("ContentClassifiers", true, 0, 256, 0, Integer.MAX_VALUE, null);
        if (classifiers != null && !CONTENT_CLASSIFIERS.containsAll(classifiers)) {
            attributes.violation("ContentClassifiers", "Member must satisfy enum value set: " + CONTENT_CLASSIFIERS);
        }
        if (content != null && !isJsonObjectOrArray(content)) {
            loopInput.violation("InputContent", "Member must be a JSON document serialized as a string");
        }
        input.check();
        String arn = loops.start(name, flowArn, content, classifiers == null ? List.of() : classifiers);
        ObjectNode out = Shapes.object();
        if (arn != null) {
            out.put("HumanLoopArn", arn);
        }
        return ok(out);
    }

    @GetMapping(Protocol.RUNTIME_PATH + "/{name}")
    public ResponseEntity<byte[]> describe(@PathVariable String name) {
        count("DescribeHumanLoop");
        checkName(name);
        LoopStatusEvent loop = loops.describe(name);
        ObjectNode out = summary(loop);
        out.put("HumanLoopArn", loop.getHumanLoopArn());
        if (loop.getFailureCode() != null) {
            out.put("FailureCode", loop.getFailureCode());
        }
        if (loop.getOutputS3Uri() != null) {
            out.putObject("HumanLoopOutput").put("OutputS3Uri", loop.getOutputS3Uri());
        }
        return ok(out);
    }

    @GetMapping(Protocol.RUNTIME_PATH)
    public ResponseEntity<byte[]> list(@RequestParam Map<String, String> query) {
        count("ListHumanLoops");
        Input input = Input.ofQuery(query);
        String flowArn = input.string("FlowDefinitionArn", true, 0, 1024, Patterns.FLOW_DEFINITION_ARN);
        Shapes.CreationWindow window = Shapes.CreationWindow.iso(input);
        Shapes.Paging paging = Shapes.Paging.of(input, true);
        input.check();
        return ok(Page.read((after, limit) -> loops.list(flowArn, window.fromMillis(), window.toMillis(),
                                after == null ? null : new LoopStatusStore.Position(after.primary(), after.name()),
                                paging.descending(), limit),
                        loop -> new Page.Position(loop.getCreationTime().toEpochMilli(), loop.getHumanLoopName()),
                        paging, "human-loops " + flowArn + " " + window)
                .render("HumanLoopSummaries", RuntimeController::summary));
    }

    @PostMapping(Protocol.RUNTIME_PATH + "/stop")
    public ResponseEntity<byte[]> stop(@RequestBody(required = false) byte[] body) {
        count("StopHumanLoop");
        Input input = Input.parse(body);
        String name = input.string("HumanLoopName", true, 1, 63, Patterns.HUMAN_LOOP_NAME);
        input.check();
        loops.stop(name);
        return ok(Shapes.object());
    }

    @DeleteMapping(Protocol.RUNTIME_PATH + "/{name}")
    public ResponseEntity<byte[]> delete(@PathVariable String name) {
        count("DeleteHumanLoop");
        checkName(name);
        loops.delete(name);
        return ok(Shapes.object());
    }

    private static void checkName(String name) {
        Map<String, String> members = Map.of("HumanLoopName", name);
        Input input = Input.ofQuery(members);
        input.string("HumanLoopName", true, 1, 63, Patterns.HUMAN_LOOP_NAME);
        input.check();
    }

    private static ObjectNode summary(LoopStatusEvent loop) {
        ObjectNode out = Shapes.object()
                .put("HumanLoopName", loop.getHumanLoopName())
                .put("HumanLoopStatus", HumanLoopStatuses.wire(loop.getStatus()))
                .put("CreationTime", Timestamps.iso(loop.getCreationTime()))
                .put("FlowDefinitionArn", loop.getFlowDefinitionArn());
        if (loop.getFailureReason() != null) {
            out.put("FailureReason", loop.getFailureReason());
        }
        return out;
    }

    private static boolean isJsonObjectOrArray(String content) {
        try {
            JsonNode parsed = Shapes.JSON.readTree(content);
            return parsed != null && (parsed.isObject() || parsed.isArray());
        } catch (JacksonException e) {
            return false;
        }
    }

    private void count(String operation) {
        meters.counter("reviewstream.flow.api.calls", "operation", operation).increment();
    }

    private static ResponseEntity<byte[]> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(JSON).body(Shapes.JSON.writeValueAsBytes(body));
    }
}
