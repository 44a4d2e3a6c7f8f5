package io.reviewstream.taskservice.config;

import io.reviewstream.schemas.config.S3Properties;
import io.reviewstream.templates.RenderContext;
import io.reviewstream.templates.RenderResult;
import io.reviewstream.templates.TaskPageContext;
import io.reviewstream.templates.TemplateRenderer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * grant_read_access on worker pages points at the object store as the browser reaches it, and only for the
 * readable locations.
 */
class WorkerPageRenderContextTest {

    private static final S3Properties S3 = new S3Properties("http://minio:9000", "us-east-1", "reviewstream",
            "reviewstream-secret", S3Properties.Encryption.NONE, null, List.of("s3://review-inputs/images/"), null,
            null, "PKCS12");

    @Test
    void presignedUrlsUseTheConfiguredPublicEndpoint() {
        URI url = presigned(portal(Map.of("presign-endpoint", "http://localhost:9000")));
        assertThat(url.getScheme() + "://" + url.getAuthority()).isEqualTo("http://localhost:9000");
        assertThat(url.getPath()).isEqualTo("/review-inputs/images/cat.png");
        assertThat(url.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=3600");
    }

    @Test
    void withoutAPublicEndpointTheServicesOwnS3EndpointIsUsed() {
        URI url = presigned(portal(Map.of()));
        assertThat(url.getHost()).isEqualTo("minio");
        assertThat(url.getPort()).isEqualTo(9000);
    }

    @Test
    void objectsOutsideTheReadableLocationsAreNotPresigned() {
        RenderContext context = new TaskServiceConfiguration().workerPageRenderContext(S3, portal(Map.of()));
        RenderResult result = new TemplateRenderer().render("<img src=\"{{ task.input.image | grant_read_access }}\">",
                "{\"image\": \"s3://review-inputs/private/cat.png\"}", context);
        assertThat(result.html()).isEqualTo("<img src=\"\">");
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("GrantReadAccessError");
            assertThat(e.message()).contains("review-inputs");
        });
    }

    @Test
    void thirdPartyScriptsLoadOnlyFromTheConfiguredOrigins() {
        String template = "<script src=\"https://cdnjs.cloudflare.com/lib.js\"></script><crowd-form></crowd-form>";
        TaskPageContext page = TaskPageContext.forWorkerApi("t", Instant.now(), "X-CSRF-TOKEN", "token", "Task");
        assertThat(portal(Map.of()).scriptOrigins()).isEmpty();
        String closed = new TaskServiceConfiguration().taskPage(portal(Map.of()))
                .render(template, "{}", RenderContext.withoutObjectStorage(), page).html();
        assertThat(closed).doesNotContain(" src=\"https://cdnjs.cloudflare.com/lib.js\"")
                .contains("data-blocked-src=\"https://cdnjs.cloudflare.com/lib.js\"");
        String open = new TaskServiceConfiguration()
                .taskPage(portal(Map.of("script-origins", "https://cdnjs.cloudflare.com,https://platform.twitter.com")))
                .render(template, "{}", RenderContext.withoutObjectStorage(), page).html();
        assertThat(open).containsPattern("<script nonce=\"[^\"]+\" src=\"https://cdnjs.cloudflare.com/lib.js\">");
    }

    private static PortalProperties portal(Map<String, String> settings) {
        Map<String, String> prefixed = new HashMap<>();
        settings.forEach((key, value) -> prefixed.put("reviewstream.portal." + key, value));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("reviewstream.portal", PortalProperties.class);
    }

    private static URI presigned(PortalProperties portal) {
        RenderContext context = new TaskServiceConfiguration().workerPageRenderContext(S3, portal);
        RenderResult result = new TemplateRenderer().render("<img src=\"{{ task.input.image | grant_read_access }}\">",
                "{\"image\": \"s3://review-inputs/images/cat.png\"}", context);
        assertThat(result.errors()).isEmpty();
        Matcher src = Pattern.compile("src=\"([^\"]+)\"").matcher(result.html());
        assertThat(src.find()).isTrue();
        return URI.create(src.group(1).replace("&amp;", "&"));
    }
}
