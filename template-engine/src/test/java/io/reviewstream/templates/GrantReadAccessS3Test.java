package io.reviewstream.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * grant_read_access against the real S3-compatible server of the embedded infrastructure: the URL it renders must
 * fetch the object, and objects outside the readable locations get no URL even though the service's key can read
 * them.
 */
class GrantReadAccessS3Test {

    private static final String BUCKET = "review-inputs";
    /** Readable: the whole output bucket, and the images folder of the input bucket. */
    private static final ReadableLocations READABLE = ReadableLocations.of(List.of("s3://review-outputs",
            "s3://" + BUCKET + "/images"));
    private static final String SECRET = "the service's own secrets";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static EmbeddedInfra infra;

    @BeforeAll
    static void startS3() throws Exception {
        infra = EmbeddedInfra.shared();
        put(BUCKET, "images/cat & dog.txt", "the cat sat");
        put(BUCKET, "images-private/key.txt", SECRET);
        put(BUCKET, "private/key.txt", SECRET);
        put(BUCKET + "-evil", "images/key.txt", SECRET);
        put("review-outputs", "flow/output.json", "{}");
        put("service-secrets", "key.txt", SECRET);
    }

    private static void put(String bucket, String key, String text) throws Exception {
        infra.createBucket(bucket);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        MinioClient.builder().endpoint(infra.s3Endpoint()).region(infra.s3Region())
                .credentials(infra.s3AccessKey(), infra.s3SecretKey()).build()
                .putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(new ByteArrayInputStream(body), (long) body.length, null).build());
    }

    private static RenderContext context(Duration expiry) {
        return RenderContext.of(new S3PresignSettings(infra.s3Endpoint(), infra.s3Region(), infra.s3AccessKey(),
                infra.s3SecretKey(), expiry, READABLE));
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

    @Test
    void aWholeReadableBucketIsPresigned() throws Exception {
        assertThat(get(renderedUrl("s3://review-outputs/flow/output.json", Duration.ofMinutes(1))).body()).isEqualTo("{}");
    }

    @Test
    void objectsOutsideTheReadableLocationsGetNoUrl() throws Exception {
        String[][] refused = {
                {"s3://service-secrets/key.txt", "service-secrets"},
                {"s3://" + BUCKET + "-evil/images/key.txt", BUCKET + "-evil"},
                {"s3://" + BUCKET + "/private/key.txt", BUCKET},
                {"s3://" + BUCKET + "/images-private/key.txt", BUCKET},
                {"s3://" + BUCKET + "/images/../private/key.txt", BUCKET},
                {"s3://" + BUCKET + "/images/./../private/key.txt", BUCKET},
                {"s3://" + BUCKET + "/images/..\\private/key.txt", BUCKET},
                {"https://s3.amazonaws.com/" + BUCKET + "/images/%2e%2e/private/key.txt", BUCKET},
                {"https://s3.amazonaws.com/" + BUCKET + "/images%2F..%2Fprivate/key.txt", BUCKET},
                {"https://s3.amazonaws.com/service-secrets/key.txt", "service-secrets"},
                {"https://s3.us-east-1.amazonaws.com/" + BUCKET + "/../service-secrets/key.txt", BUCKET},
                {"https://service-secrets.s3.amazonaws.com/key.txt", "service-secrets"},
                {"https://SERVICE-SECRETS.s3.us-east-1.amazonaws.com/key.txt", "service-secrets"},
                {"https://" + BUCKET + ".s3.amazonaws.com/private/key.txt", BUCKET},
                {"s3://Review-Inputs/images/key.txt", "Review-Inputs"},
        };
        for (String[] reference : refused) {
            RenderResult r = new TemplateRenderer().render("<img src=\"{{ task.input.o | grant_read_access }}\">",
                    JSON.writeValueAsString(Map.of("o", reference[0])), context(Duration.ofMinutes(1)));
            assertThat(r.html()).as(reference[0]).isEqualTo("<img src=\"\">");
            assertThat(r.errors()).as(reference[0]).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo("GrantReadAccessError");
                assertThat(e.message()).contains("bucket " + reference[1] + ")");
            });
        }
    }

    @Test
    void theRefusedObjectsAreThereAndReadableWithTheServicesKey() throws Exception {
        // the refusals above are the allow-list's doing, not missing objects
        MinioClient admin = MinioClient.builder().endpoint(infra.s3Endpoint()).region(infra.s3Region())
                .credentials(infra.s3AccessKey(), infra.s3SecretKey()).build();
        String url = admin.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.GET).bucket("service-secrets").object("key.txt").expiry(60).build());
        assertThat(get(url).body()).isEqualTo(SECRET);
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
