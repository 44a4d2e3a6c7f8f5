package io.reviewstream.flowservice.console.web;

import io.reviewstream.flowservice.domain.HumanTaskUis;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.templates.RenderContext;
import io.reviewstream.templates.TaskPage;
import io.reviewstream.templates.TaskPageContext;
import io.reviewstream.templates.TaskPageResult;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * A task UI as a worker would see it, with a sample input: the worker page's own renderer, page shell and Content
 * Security Policy, plus a sandbox, so the template's scripts run in an origin of their own and reach neither the
 * console's session nor its API. The console shows it in a sandboxed frame; opened on its own it stays sandboxed.
 */
@RestController
public class ConsolePreviewController {

    /** Nothing is answered from a preview: its submit goes nowhere. */
    static final String NO_ANSWER = "about:blank";
    static final String SANDBOX = "; sandbox allow-scripts allow-forms";

    private final HumanTaskUis uis;
    private final TaskPage page;
    private final RenderContext renderContext;

    public ConsolePreviewController(HumanTaskUis uis, TaskPage consoleTaskPage, RenderContext previewRenderContext) {
        this.uis = uis;
        this.page = consoleTaskPage;
        this.renderContext = previewRenderContext;
    }

    @GetMapping("/console/preview/task-uis/{name}")
    public ResponseEntity<String> preview(@PathVariable String name,
                                          @RequestParam(defaultValue = "{}") String input) {
        HumanTaskUi ui = uis.describe(name);
        TaskPageResult rendered = page.render(ui.getContent(), input, renderContext,
                new TaskPageContext("preview", null, NO_ANSWER, NO_ANSWER, NO_ANSWER, "X-Preview", "",
                        "Preview of " + name));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", rendered.contentSecurityPolicy() + SANDBOX)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(rendered.html());
    }
}
