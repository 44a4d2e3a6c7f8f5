package io.reviewstream.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.reviewstream.embedded.EmbeddedInfra;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** grant_read_access against the real S3-compatible server of the embedded infrastructure: the URL it renders must fetch the object. */
class GrantReadAccessS3Test {

    private static final String BUCKET = "review-inputs";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedInfra infra;

    @BeforeAll
    static void startS3() throws Exception {
        infra = EmbeddedInfra.shared();
        infra.createBucket(BUCKET);
        byte[] body = "the cat sat".getBytes(StandardCharsets.UTF_8);
        MinioClient.builder().endpoint(infra.s3Endpoint()).region(infra.s3Region())
                .credentials(infra.s3AccessKey(), infra.s3SecretKey()).build()
                .putObject(PutObjectArgs.builder().bucket(BUCKET).object("images/cat & dog.txt")
                        .stream(new ByteArrayInputStream(body), (long) body.length, null).build());
    }

    private static RenderContext context(Duration expiry) {
        return RenderContext.of(new S3PresignSettings(infra.s3Endpoint(), infra.s3Region(), infra.s3AccessKey(), infra.s3SecretKey(), expiry));
    }

    private static String renderedUrl(String reference, Duration expiry) {
        RenderResult r = new TemplateRenderer().render("<img src=\"{{ task.input.taskObject | grant_read_access }}\">",
                "{\"taskObject\":\"" + reference + "\"}", context(expiry));
        assertThat(r.errors()).isEmpty();
        Matcher m = Pattern.compile("src=\"([^\"]+)\"").matcher(r.html());
        assertThat(m.find()).isTrue();
        // the browser decodes the attribute before it requests the URL
        return m.group(1).replace("&amp;", "&");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void s3UriBecomesAPresignedUrlThatReadsTheObject() throws Exception {
        String url = renderedUrl("s3://" + BUCKET + "/images/cat & dog.txt", Duration.ofMinutes(5));
        assertThat(url).startsWith(infra.s3Endpoint()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("the cat sat");
    }

    @Test
    void httpsS3FormIsPresignedToo() throws Exception {
        String url = renderedUrl("https://s3.amazonaws.com/" + BUCKET + "/images/cat%20%26%20dog.txt", Duration.ofMinutes(1));
        assertThat(get(url).body()).isEqualTo("the cat sat");
    }

    @Test
    void aTamperedUrlIsRefused() throws Exception {
        String url = renderedUrl("s3://" + BUCKET + "/images/cat & dog.txt", Duration.ofMinutes(5));
        assertThat(get(url.replace("X-Amz-Expires=300", "X-Amz-Expires=600000")).statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredUrlIsRefused() throws Exception {
        String url = renderedUrl("s3://" + BUCKET + "/images/cat & dog.txt", Duration.ofSeconds(1));
        Thread.sleep(2100);
        assertThat(get(url).statusCode()).isEqualTo(403);
    }
}
