package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every published A2I sample template, unchanged, on the worker page in one browser: with an input of the shape the
 * template reads, the page loads without errors from its own scripts, every crowd element is defined, and a
 * worker's answer reaches the worker API with an entry for every named crowd element.
 */
class AllA2iSamplesBrowserTest extends TaskPageBrowserTest {

    /** Needs its drag-and-drop library from a CDN; what the page does then is tested in A2iSampleTemplatesBrowserTest. */
    private static final String NEEDS_A_CDN = "images/multi-image-classification-draggable.liquid.html";
    private static final Pattern LOOP = Pattern.compile("\\{%-?\\s*for\\s+(\\w+)\\s+in\\s+task\\.input((?:\\.\\w+)+)");
    private static final Pattern INPUT_PATH = Pattern.compile(
            "task\\.input((?:\\.\\w+)+)(?:\\s*\\|\\s*(grant_read_access|to_json))?");
    private static final Map<String, String> FIXED_KEYS = Map.of(
            "crowd-textract-analyze-document", "AWS/Textract/AnalyzeDocument/Forms/V1",
            "crowd-rekognition-detect-moderation-labels", "AWS/Rekognition/DetectModerationLabels/Image/V3");

    static Stream<String> samples() {
        return A2iSampleTemplates.names().stream().filter(n -> !n.equals(NEEDS_A_CDN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleWorksOnTheWorkerPage(String name) throws Exception {
        String template = A2iSampleTemplates.read(name);
        String taskId = "sample-" + name.replaceAll("[^A-Za-z0-9]+", "-");
        browser.driver.manage().logs().get(LogType.BROWSER);
        open(server.addTaskWithObjects(taskId, template + READY_HOOK, JSON.writeValueAsString(inputFor(template))));

        assertThat(js("""
                return Array.prototype.filter.call(document.querySelectorAll('*'), function (e) {
                  return e.localName.indexOf('crowd-') === 0 && !customElements.get(e.localName);
                }).map(function (e) { return e.localName; });""")).as("crowd elements that are not defined")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> named = (List<String>) js("""
                return Array.prototype.filter.call(document.querySelectorAll('[name]'), function (e) {
                  return e.localName.indexOf('crowd-') === 0 && typeof e.crowdAnswer === 'function'
                      && ['crowd-checkbox', 'crowd-radio-button', 'crowd-toggle-button', 'crowd-input'].indexOf(e.localName) < 0;
                }).map(function (e) { return e.localName + ' ' + e.getAttribute('name'); });""");
        js(ANSWER_EVERYTHING);
        // one keypoint where the worker marks keypoints: the cursor starts at the image centre, Space places it
        for (org.openqa.selenium.WebElement canvas : browser.driver.findElements(
                org.openqa.selenium.By.cssSelector("crowd-keypoint canvas"))) {
            waitFor("return document.querySelector('crowd-keypoint canvas').width > 0");
            canvas.sendKeys(" ");
        }
        assertThat(pageErrors()).as("errors from the page's own scripts").isEmpty();

        js("window.__formErrors = []; new MutationObserver(function () {"
                + " document.querySelectorAll('.crowd-form-errors').forEach(function (e) { if (e.textContent) { window.__formErrors.push(e.textContent); } });"
                + " }).observe(document.body, { subtree: true, childList: true, characterData: true });");
        submit();
        TaskPageServer.Posted post = server.nextPost(10);
        assertThat(post).as("the page posted an answer; the page said %s", js("return window.__formErrors")).isNotNull();
        browser.waitFor("the page to return to the queue after " + taskId, Browser.PAGE_READY,
                "return window.location.search.indexOf('submitted=') >= 0");
        JsonNode answer = JSON.readTree(post.body()).get("answerContent");
        for (String element : named) {
            String tag = element.substring(0, element.indexOf(' '));
            String key = FIXED_KEYS.getOrDefault(tag, element.substring(element.indexOf(' ') + 1));
            assertThat(answer.has(key)).as("answer %s has an entry for %s", answer, element).isTrue();
        }
    }

    /** Severe console entries except resources that cannot load offline (pictures in instructions and the like). */
    private static List<String> pageErrors() {
        return browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).filter(m -> !m.contains("Failed to load resource")).toList();
    }

    /** A worker's answer: the first choice of every question, text in every empty text field. */
    private static final String ANSWER_EVERYTHING = """
            document.querySelectorAll('crowd-classifier, crowd-image-classifier, crowd-radio-group').forEach(function (el) {
              var first = el.querySelector('input[type=radio]');
              if (first && !el.querySelector('input[type=radio]:checked')) { first.click(); }
            });
            document.querySelectorAll('crowd-classifier-multi-select, crowd-image-classifier-multi-select,'
                + ' crowd-rekognition-detect-moderation-labels').forEach(function (el) {
              var first = el.querySelector('input[type=checkbox]');
              if (first && !el.querySelector('input[type=checkbox]:checked')) { first.click(); }
            });
            document.querySelectorAll('select').forEach(function (s) {
              var option = Array.prototype.filter.call(s.options, function (o) { return o.value && !o.disabled; })[0];
              if (!s.value && option) { s.value = option.value; s.dispatchEvent(new Event('change', { bubbles: true })); }
            });
            var sample = { text: 'answer', search: 'answer', email: 'worker@example.com', url: 'https://example.com/',
              tel: '555 0100', number: '1', date: '2019-01-01' };
            document.querySelectorAll('input, textarea').forEach(function (i) {
              var type = i.localName === 'textarea' ? 'text' : (i.getAttribute('type') || 'text').toLowerCase();
              if (!i.value && !i.readOnly && !i.disabled && sample[type]) {
                i.value = i.min && (type === 'date' || type === 'number') ? i.min : sample[type];
                i.dispatchEvent(new Event('input', { bubbles: true }));
                i.dispatchEvent(new Event('change', { bubbles: true }));
              }
            });""";

    /**
     * An input of the shape the template reads: every {@code task.input} path it names gets a value, an S3 object
     * where it is handed to {@code grant_read_access}, a list of two items where a {@code for} loop walks it (with
     * the fields the loop body reads), text elsewhere.
     */
    static ObjectNode inputFor(String template) {
        ObjectNode input = JSON.createObjectNode();
        Map<String, String> loops = new LinkedHashMap<>();
        Matcher loop = LOOP.matcher(template);
        while (loop.find()) {
            loops.put(loop.group(2).substring(1), loop.group(1));
        }
        Matcher path = INPUT_PATH.matcher(template);
        while (path.find()) {
            String dotted = path.group(1).substring(1);
            if (loops.containsKey(dotted)) {
                continue;
            }
            String filter = path.group(2) == null ? "" : path.group(2);
            put(input, dotted.split("\\."), switch (filter) {
                case "grant_read_access" -> JSON.getNodeFactory().textNode("s3://sample-inputs/" + dotted + ".png");
                // a list handed to an element, such as a classifier's categories
                case "to_json" -> JSON.createArrayNode().add(dotted + " 1").add(dotted + " 2");
                default -> JSON.getNodeFactory().textNode("sample " + dotted);
            });
        }
        loops.forEach((dotted, variable) -> {
            ArrayNode items = JSON.createArrayNode();
            Matcher field = Pattern.compile("\\b" + Pattern.quote(variable) + "((?:\\.\\w+)+)").matcher(template);
            List<String> fields = field.results().map(r -> r.group(1).substring(1)).distinct().toList();
            for (int i = 1; i <= 2; i++) {
                if (fields.isEmpty()) {
                    items.add("item " + i);
                } else {
                    ObjectNode item = items.addObject();
                    for (String f : fields) {
                        put(item, f.split("\\."), JSON.getNodeFactory().textNode("item " + i + " " + f));
                    }
                }
            }
            ObjectNode parent = input;
            String[] parts = dotted.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.get(parts[i]) instanceof ObjectNode o ? o : parent.putObject(parts[i]);
            }
            parent.set(parts[parts.length - 1], items);
        });
        return input;
    }

    private static void put(ObjectNode target, String[] parts, JsonNode value) {
        ObjectNode parent = target;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(parent.get(parts[i]) instanceof ObjectNode)) {
                parent.putObject(parts[i]);
            }
            parent = (ObjectNode) parent.get(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        if (!parent.has(leaf)) {
            parent.set(leaf, value);
        }
    }
}
