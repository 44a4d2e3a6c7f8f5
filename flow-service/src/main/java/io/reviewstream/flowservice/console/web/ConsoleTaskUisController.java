package io.reviewstream.flowservice.console.web;

import io.reviewstream.flowservice.api.HumanTaskUiOperations;
import io.reviewstream.flowservice.api.Input;
import io.reviewstream.flowservice.console.audit.ConsoleAudit;
import io.reviewstream.flowservice.console.domain.KitTemplates;
import io.reviewstream.flowservice.domain.HumanTaskUis;
import io.reviewstream.flowservice.domain.RejectedException;
import io.reviewstream.schemas.avro.HumanTaskUi;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Comparator;

/** Task UIs in the console, through the AWS API's domain and request shapes; and the kits' templates to start from. */
@RestController
@RequestMapping("/console/api")
public class ConsoleTaskUisController {

    private final HumanTaskUis uis;
    private final HumanTaskUiOperations operations;
    private final KitTemplates kits;
    private final ConsoleAudit audit;

    public ConsoleTaskUisController(HumanTaskUis uis, KitTemplates kits, ConsoleAudit audit) {
        this.uis = uis;
        this.operations = new HumanTaskUiOperations(uis);
        this.kits = kits;
        this.audit = audit;
    }

    @GetMapping("/task-uis")
    public ObjectNode list() {
        ObjectNode out = ConsoleErrors.JSON.createObjectNode();
        ArrayNode items = out.putArray("taskUis");
        uis.list().stream().sorted(Comparator.comparing(HumanTaskUi::getName)).forEach(ui -> items.addObject()
                .put("name", ui.getName())
                .put("arn", ui.getArn())
                .put("creationTime", ui.getCreationTime().toString())
                .put("contentSha256", ui.getContentSha256()));
        return out;
    }

    @GetMapping("/task-uis/{name}")
    public ObjectNode describe(@PathVariable String name) {
        HumanTaskUi ui = uis.describe(name);
        return ConsoleErrors.JSON.createObjectNode()
                .put("name", ui.getName())
                .put("arn", ui.getArn())
                .put("creationTime", ui.getCreationTime().toString())
                .put("content", ui.getContent());
    }

    /** A new task UI, in CreateHumanTaskUi's request shape. */
    @PostMapping("/task-uis")
    public ObjectNode create(@RequestBody(required = false) byte[] body, Authentication who) {
        Input input = Input.parse(body);
        String name = ConsoleRequests.text(body, "HumanTaskUiName");
        return audit.audited(who, "CreateHumanTaskUi", name, () -> operations.create(input), ConsoleRequests::code);
    }

    @DeleteMapping("/task-uis/{name}")
    public ObjectNode delete(@PathVariable String name, Authentication who) {
        Input input = Input.parse(ConsoleErrors.JSON.writeValueAsBytes(
                ConsoleErrors.JSON.createObjectNode().put("HumanTaskUiName", name)));
        return audit.audited(who, "DeleteHumanTaskUi", name, () -> operations.delete(input), ConsoleRequests::code);
    }

    @GetMapping("/kits")
    public ObjectNode kits() {
        ObjectNode out = ConsoleErrors.JSON.createObjectNode();
        kits.kits().forEach(out.putArray("kits")::add);
        return out;
    }

    @GetMapping("/kits/{kit}/template")
    public ObjectNode kitTemplate(@PathVariable String kit) {
        String template = kits.template(kit).orElseThrow(() -> RejectedException.notFound("No kit named " + kit));
        return ConsoleErrors.JSON.createObjectNode().put("kit", kit).put("content", template);
    }
}
