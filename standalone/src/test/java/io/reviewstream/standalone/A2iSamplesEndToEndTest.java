package io.reviewstream.standalone;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.reviewstream.taskservice.browser.A2iAnswerShapes;
import io.reviewstream.taskservice.browser.A2iBuiltInReview;
import io.reviewstream.taskservice.browser.A2iSampleInputs;
import io.reviewstream.taskservice.browser.A2iSampleTemplates;
import io.reviewstream.taskservice.browser.A2iSampleWorker;
import io.reviewstream.taskservice.browser.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;
import software.amazon.awssdk.services.sagemakera2iruntime.model.DescribeHumanLoopResponse;
import software.amazon.awssdk.services.sagemakera2iruntime.model.HumanLoopStatus;
import software.amazon.awssdk.services.sagemakera2iruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemakera2iruntime.model.SageMakerA2IRuntimeException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published A2I sample template that works offline, unchanged, as an A2I user runs it against one standalone
 * mode: its task UI and a flow definition are created with the AWS SDK, a loop is started with an input of the shape
 * the template reads (its pictures in the object store), the demo worker claims the task and answers it on the
 * worker page in Chromium, and output.json carries an entry of the documented shape for every answering crowd
 * element. The page loads without errors from its own scripts and defines every crowd element it uses. The two
 * built-in templates get realistic Textract and Rekognition inputs, and output.json the exact reviewed content.
 *
 * <p>The draggable sample needs its library from a CDN; what the page does then is tested in task-service's
 * A2iSampleTemplatesBrowserTest.
 */
class A2iSamplesEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OBJECTS = "a2i-samples/";
    private static final String WORKTEAM_ARN = "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/"
            + Demo.WORKTEAM;

    /** A sample's flow, its loop and what the loop is started with. */
    private record Sample(String flowArn, String loopName, JsonNode input, Optional<A2iBuiltInReview> review) {
    }

    @TempDir
    static Path dataDir;
    private static Standalone standalone;
    private static Browser browser;
    private static MinioClient s3;
    private static SageMakerA2IRuntimeClient a2i;
    private static WorkerApi worker;
    private static final Map<String, Sample> SAMPLES = new ConcurrentHashMap<>();

    static Stream<String> samples() {
        return A2iSampleTemplates.offline().stream();
    }

    /** Task UIs and flows of all samples at once: they do not depend on each other. */
    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        List<String> names = A2iSampleTemplates.offline();
        standalone = Standalone.start(StandaloneConfig.ephemeral(dataDir));
        s3 = MinioClient.builder().endpoint(standalone.infra().s3Endpoint()).region(standalone.infra().s3Region())
                .credentials(standalone.infra().s3AccessKey(), standalone.infra().s3SecretKey()).build();
        a2i = DemoClients.a2i(standalone);
        worker = WorkerApi.demoWorker(standalone.url("task-service"));
        put(OBJECTS + "picture.png");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SageMakerClient sageMaker = DemoClients.sageMaker(standalone)) {
            List<Future<Object>> created = names.stream().map(name -> pool.submit(() -> {
                SAMPLES.put(name, create(sageMaker, name, names.indexOf(name)));
                return null;
            })).toList();
            for (Future<Object> f : created) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        browser = Browser.start();
        browser.signIn(standalone.url("task-service"), Demo.WORKER, Demo.WORKER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (a2i != null) {
            a2i.close();
        }
        if (standalone != null) {
            standalone.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theAnswerReachesOutputJsonInTheDocumentedShape(String name) throws Exception {
        Sample sample = SAMPLES.get(name);
        a2i.startHumanLoop(r -> r.humanLoopName(sample.loopName()).flowDefinitionArn(sample.flowArn())
                .humanLoopInput(i -> i.inputContent(JSON.writeValueAsString(sample.input()))));
        JsonNode task = claimNextTask();
        boolean answered = false;
        try {
            assertThat(task.get("loopName").asString()).isEqualTo(sample.loopName());
            A2iSampleWorker.clearConsole(browser);
            browser.driver.get(standalone.url("task-service") + task.get("renderUrl").asString());
            browser.waitFor("the worker page of " + name, Browser.PAGE_READY,
                    "var f = document.querySelector('crowd-form'); return !!(f && f._crowdReady);");
            assertThat(A2iSampleWorker.undefinedElements(browser)).as("crowd elements that are not defined").isEmpty();
            List<A2iAnswerShapes.AnswerElement> elements = A2iSampleWorker.answerElements(browser);
            sample.review().ifPresentOrElse(review -> review.review().accept(browser.driver),
                    () -> A2iSampleWorker.answer(browser));
            assertThat(A2iSampleWorker.pageErrors(browser)).as("errors from the page's own scripts").isEmpty();
            A2iSampleWorker.watchFormErrors(browser);
            A2iSampleWorker.submit(browser);
            browser.waitFor("the answer to " + name + " to be accepted", Browser.PAGE_READY,
                    "return window.location.search.indexOf('submitted=') >= 0");
            answered = true;

            DescribeHumanLoopResponse completed = awaitCompleted(sample.loopName());
            JsonNode output = readS3(completed.humanLoopOutput().outputS3Uri());
            assertThat(output.get("inputContent")).isEqualTo(sample.input());
            assertThat(output.get("humanAnswers")).hasSize(1);
            JsonNode answer = output.at("/humanAnswers/0/answerContent");
            A2iAnswerShapes.assertAnswer(answer, elements);
            sample.review().ifPresent(review -> review.check().accept(answer));
        } finally {
            if (!answered) {
                // a sample that failed half-way must not hold the task the next sample's claim is after
                worker.call("POST", "/api/worker/tasks/" + task.get("id").asString() + "/release", null, Map.of());
                try {
                    a2i.stopHumanLoop(r -> r.humanLoopName(sample.loopName()));
                } catch (SageMakerA2IRuntimeException finished) {
                    // ended already
                }
            }
        }
    }

    /** The sample's task UI and flow; the input of the shape it reads, with its pictures in the object store. */
    private static Sample create(SageMakerClient sageMaker, String name, int index) throws Exception {
        String slug = ("s" + index + "-" + name.replace(".liquid.html", "")).toLowerCase()
                .replaceAll("[^a-z0-9]+", "-");
        // flow and loop names ("loop-" + id) are at most 63 characters
        String id = slug.substring(0, Math.min(slug.length(), 58)).replaceAll("-+$", "");
        String template = A2iSampleTemplates.read(name);
        String ui = sageMaker.createHumanTaskUi(r -> r.humanTaskUiName("ui-" + index)
                .uiTemplate(t -> t.content(template))).humanTaskUiArn();
        String flowArn = sageMaker.createFlowDefinition(r -> r.flowDefinitionName(id)
                .humanLoopConfig(h -> h.workteamArn(WORKTEAM_ARN).humanTaskUiArn(ui)
                        .taskTitle(name).taskDescription("An A2I sample template").taskCount(1))
                .outputConfig(o -> o.s3OutputPath("s3://" + Demo.OUTPUT_BUCKET + "/a2i-samples"))
                .roleArn(Demo.ROLE_ARN)).flowDefinitionArn();
        Optional<A2iBuiltInReview> review = A2iBuiltInReview.of(name, Demo.OUTPUT_BUCKET, OBJECTS + "picture.png");
        JsonNode input = review.<JsonNode>map(A2iBuiltInReview::input)
                .orElseGet(() -> A2iSampleInputs.inputFor(template, "s3://" + Demo.OUTPUT_BUCKET + "/" + OBJECTS));
        for (String reference : A2iSampleInputs.objectReferences(input)) {
            put(reference.substring(("s3://" + Demo.OUTPUT_BUCKET + "/").length()));
        }
        return new Sample(flowArn, "loop-" + id, input, review);
    }

    private static void put(String key) throws Exception {
        byte[] picture = A2iSampleInputs.objectContent();
        s3.putObject(PutObjectArgs.builder().bucket(Demo.OUTPUT_BUCKET).object(key)
                .stream(new ByteArrayInputStream(picture), (long) picture.length, -1L).contentType("image/png").build());
    }

    private static JsonNode claimNextTask() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = worker.call("POST", "/api/worker/tasks/next", null, Map.of());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            Thread.sleep(100);
        }
        throw new AssertionError("No task reached the demo team in time");
    }

    private static DescribeHumanLoopResponse awaitCompleted(String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                DescribeHumanLoopResponse loop = a2i.describeHumanLoop(r -> r.humanLoopName(name));
                if (loop.humanLoopStatus() == HumanLoopStatus.COMPLETED || System.nanoTime() > deadline) {
                    assertThat(loop.humanLoopStatus()).as(name).isEqualTo(HumanLoopStatus.COMPLETED);
                    return loop;
                }
            } catch (ResourceNotFoundException notYet) {
                assertThat(System.nanoTime()).as(name + " to become known").isLessThan(deadline);
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode readS3(String uri) throws Exception {
        String path = uri.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        try (var in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(path.substring(bucket.length() + 1))
                .build())) {
            return JSON.readTree(in.readAllBytes());
        }
    }
}
