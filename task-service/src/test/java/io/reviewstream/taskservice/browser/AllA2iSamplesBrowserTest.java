package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every published A2I sample template, unchanged, on the worker page in one browser: with an input of the shape the
 * template reads, the page loads without errors from its own scripts, every crowd element is defined, and a
 * worker's answer reaches the worker API with an entry of the documented shape for every answering crowd element.
 */
class AllA2iSamplesBrowserTest extends TaskPageBrowserTest {

    static Stream<String> samples() {
        return A2iSampleTemplates.offline().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleWorksOnTheWorkerPage(String name) throws Exception {
        String template = A2iSampleTemplates.read(name);
        String taskId = "sample-" + name.replaceAll("[^A-Za-z0-9]+", "-");
        A2iSampleWorker.clearConsole(browser);
        open(server.addTaskWithObjects(taskId, template + READY_HOOK,
                JSON.writeValueAsString(A2iSampleInputs.inputFor(template, "s3://sample-inputs/"))));

        assertThat(A2iSampleWorker.undefinedElements(browser)).as("crowd elements that are not defined").isEmpty();
        List<A2iAnswerShapes.AnswerElement> elements = A2iSampleWorker.answerElements(browser);
        A2iSampleWorker.answer(browser);
        assertThat(A2iSampleWorker.pageErrors(browser)).as("errors from the page's own scripts").isEmpty();

        A2iSampleWorker.watchFormErrors(browser);
        A2iSampleWorker.submit(browser);
        TaskPageServer.Posted post = server.nextPost(10);
        assertThat(post).as("the page posted an answer; the page said %s", A2iSampleWorker.formErrors(browser)).isNotNull();
        browser.waitFor("the page to return to the queue after " + taskId, Browser.PAGE_READY,
                "return window.location.search.indexOf('submitted=') >= 0");
        JsonNode answer = JSON.readTree(post.body()).get("answerContent");
        A2iAnswerShapes.assertAnswer(answer, elements);
    }
}
