package io.reviewstream.flowservice.console.web;

import io.reviewstream.flowservice.console.audit.ConsoleAudit;
import io.reviewstream.flowservice.console.domain.LoopSearch;
import io.reviewstream.flowservice.domain.FlowDefinitions;
import io.reviewstream.flowservice.domain.HumanLoops;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.event.HumanLoopStatuses;
import io.reviewstream.schemas.status.LoopStatusStore;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Human loops in the console: search a flow's loops, read one loop's status, stop and delete, through the same
 * loop status store and commands as the AWS runtime API.
 */
@RestController
@RequestMapping("/console/api/loops")
public class ConsoleLoopsController {

    static final int MAX_PAGE = 500;

    private final HumanLoops loops;
    private final FlowDefinitions flows;
    private final LoopSearch search;
    private final ConsoleAudit audit;

    public ConsoleLoopsController(HumanLoops loops, FlowDefinitions flows, LoopSearch search, ConsoleAudit audit) {
        this.loops = loops;
        this.flows = flows;
        this.search = search;
        this.audit = audit;
    }

    /**
     * @param from   earliest creation time (ISO-8601), inclusive
     * @param to     latest creation time (ISO-8601), inclusive
     * @param next   the token of the previous page's end
     */
    @GetMapping
    public ObjectNode search(@RequestParam String flow,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) String prefix,
                             @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to,
                             @RequestParam(defaultValue = "newest") String order,
                             @RequestParam(defaultValue = "50") int pageSize,
                             @RequestParam(required = false) String next) {
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw ConsoleRequests.invalid("pageSize", "A page holds 1 to " + MAX_PAGE + " loops");
        }
        if (!order.equals("newest") && !order.equals("oldest")) {
            throw ConsoleRequests.invalid("order", "Order is newest or oldest");
        }
        String arn = flows.describe(flow).getArn();
        LoopSearch.Page page = search.search(new LoopSearch.Query(arn, status(status),
                prefix == null || prefix.isEmpty() ? null : prefix, time("from", from, Long.MIN_VALUE),
                time("to", to, Long.MAX_VALUE), order.equals("newest"), pageSize, position(next)));
        ObjectNode out = ConsoleErrors.JSON.createObjectNode();
        ArrayNode items = out.putArray("loops");
        page.loops().forEach(loop -> items.add(loop(loop)));
        out.put("next", page.next() == null ? null : token(page.next()));
        out.put("scanned", page.scanned());
        return out;
    }

    @GetMapping("/{name}")
    public ObjectNode describe(@PathVariable String name) {
        return loop(loops.describe(name));
    }

    @PostMapping("/{name}/stop")
    public ObjectNode stop(@PathVariable String name, Authentication who) {
        audit.audited(who, "StopHumanLoop", name, () -> {
            loops.stop(name);
            return null;
        }, ConsoleRequests::code);
        return describe(name);
    }

    @DeleteMapping("/{name}")
    public ObjectNode delete(@PathVariable String name, Authentication who) {
        audit.audited(who, "DeleteHumanLoop", name, () -> {
            loops.delete(name);
            return null;
        }, ConsoleRequests::code);
        return ConsoleErrors.JSON.createObjectNode().put("name", name).put("deleted", true);
    }

    static ObjectNode loop(LoopStatusEvent loop) {
        return ConsoleErrors.JSON.createObjectNode()
                .put("name", loop.getHumanLoopName())
                .put("arn", loop.getHumanLoopArn())
                .put("flow", loop.getFlowDefinitionName())
                .put("status", HumanLoopStatuses.wire(loop.getStatus()))
                .put("creationTime", loop.getCreationTime().toString())
                .put("updatedAt", loop.getUpdatedAt().toString())
                .put("failureCode", loop.getFailureCode())
                .put("failureReason", loop.getFailureReason())
                .put("outputS3Uri", loop.getOutputS3Uri());
    }

    private static HumanLoopStatus status(String wire) {
        if (wire == null || wire.isEmpty()) {
            return null;
        }
        return Arrays.stream(HumanLoopStatus.values()).filter(s -> s != HumanLoopStatus.UNKNOWN)
                .filter(s -> HumanLoopStatuses.wire(s).equals(wire)).findFirst()
                .orElseThrow(() -> ConsoleRequests.invalid("status", "Unknown status " + wire));
    }

    private static long time(String member, String iso, long unset) {
        if (iso == null || iso.isEmpty()) {
            return unset;
        }
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ConsoleRequests.invalid(member, "Expected an ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
    }

    /** The page's end as an opaque token: creation time and name. */
    static String token(LoopStatusStore.Position position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (position.creationMillis() + ":" + position.name()).getBytes(StandardCharsets.UTF_8));
    }

    static LoopStatusStore.Position position(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return new LoopStatusStore.Position(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ConsoleRequests.invalid("next", "Not a page token of this search");
        }
    }
}
