package io.reviewstream.flowservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reviewstream.schemas.config.S3Properties;
import io.reviewstream.templates.RenderContext;
import io.reviewstream.templates.RenderResult;
import io.reviewstream.templates.TemplateRenderer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** RenderUiTemplate's grant_read_access presigns only inside reviewstream.s3.readable-locations. */
class PreviewRenderContextTest {

    private static final String TEMPLATE = "<img src=\"{{ task.input.o | grant_read_access }}\">";

    private static S3Properties s3(Map<String, String> settings) {
        Map<String, String> prefixed = new HashMap<>();
        settings.forEach((key, value) -> prefixed.put("reviewstream.s3." + key, value));
        return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("reviewstream.s3", S3Properties.class);
    }

    private static RenderResult preview(S3Properties s3, String reference) {
        RenderContext context = new FlowServiceConfiguration().previewRenderContext(s3);
        return new TemplateRenderer().render(TEMPLATE, "{\"o\": \"" + reference + "\"}", context);
    }

    @Test
    void byDefaultOnlyTheOutputBucketIsReadable() {
        S3Properties defaults = s3(Map.of());
        assertThat(defaults.readableLocations()).containsExactly("s3://reviewstream-output/");
        assertThat(preview(defaults, "s3://reviewstream-output/demo/cat.png").errors()).isEmpty();
        RenderResult other = preview(defaults, "s3://billing-exports/2026/invoices.csv");
        assertThat(other.html()).isEqualTo("<img src=\"\">");
        assertThat(other.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("GrantReadAccessError");
            assertThat(e.message()).contains("bucket billing-exports");
        });
    }

    @Test
    void theConfiguredLocationsReplaceTheDefault() {
        S3Properties configured = s3(Map.of("readable-locations", "s3://claims-inputs/images/,s3://claims-results"));
        assertThat(preview(configured, "s3://claims-inputs/images/42.png").errors()).isEmpty();
        assertThat(preview(configured, "https://claims-results.s3.amazonaws.com/flow/out.json").errors()).isEmpty();
        assertThat(preview(configured, "s3://claims-inputs/scans/42.pdf").errors()).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo("GrantReadAccessError"));
        assertThat(preview(configured, "s3://reviewstream-output/demo/cat.png").errors()).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo("GrantReadAccessError"));
    }

    @Test
    void aLocationThatIsNotAnS3BucketStopsTheService() {
        assertThatThrownBy(() -> new FlowServiceConfiguration().previewRenderContext(
                s3(Map.of("readable-locations", "https://claims-inputs.s3.amazonaws.com/"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3://bucket");
    }
}
