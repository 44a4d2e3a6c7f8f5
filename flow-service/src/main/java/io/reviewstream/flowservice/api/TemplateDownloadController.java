package io.reviewstream.flowservice.api;

import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * Serves a stored template at DescribeHumanTaskUi's UiTemplate.Url, which A2I answers with a short-lived link rather
 * than the content. The URL holds the content's SHA-256, which only a signed Describe reveals, so it works as such a
 * link without a signature of its own, and it stops working when the template is deleted or replaced.
 */
@RestController
public class TemplateDownloadController {

    private final CompactedTopicView<HumanTaskUi> taskUis;

    public TemplateDownloadController(CompactedTopicView<HumanTaskUi> taskUisView) {
        this.taskUis = taskUisView;
    }

    @GetMapping(HumanTaskUiOperations.TEMPLATE_PATH)
    public ResponseEntity<String> template(@PathVariable String name, @PathVariable String sha256) {
        return taskUis.get(name).filter(ui -> ui.getContentSha256().equals(sha256))
                .map(ui -> ResponseEntity.ok()
                        // the template's own HTML must not run on this origin
                        .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                        .header("X-Content-Type-Options", "nosniff")
                        .body(ui.getContent()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
