package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

/**
 * The crowd elements in a real browser: each page is rendered by the template engine from a template written
 * like the published A2I samples, served with its CSP, filled in by "a worker", and the JSON that reaches the
 * worker API is checked against the answerContent shapes A2I documents.
 */
class CrowdElementsBrowserTest extends TaskPageBrowserTest {

    @Test
    void classifierWithNativeControlsOnsubmitHookAndNoScriptInjection() throws Exception {
        String template = """
                <script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
                <crowd-form>
                  <crowd-classifier name="category" categories="['Cat', 'Dog', 'Neither']" header="What is in the picture?">
                    <classification-target>
                      <p>{{ task.input.caption | skip_autoescape }}</p>
                      <p class="plain">{{ task.input.plain }}</p>
                    </classification-target>
                    <full-instructions header="How to classify"><p>Pick the animal.</p></full-instructions>
                    <short-instructions><p>Choose one.</p></short-instructions>
                  </crowd-classifier>
                  <input type="hidden" name="source" value="{{ task.input.source }}">
                  <select name="confidence"><option value="low">low</option><option value="high" selected>high</option></select>
                  <input type="hidden" name="computed" id="computed">
                </crowd-form>
                <script>
                  document.querySelector('crowd-form').onsubmit = function () {
                    document.getElementById('computed').value = 'set-by-hook';
                  };
                </script>
                """ + READY_HOOK;
        String input = """
                {"caption": "<img src=x onerror=\\"window.__pwned = 1\\"><script>window.__pwned = 2</script>",
                 "plain": "<b>bold?</b>", "source": "model-7"}
                """;
        open(server.addTask("t-classifier", template, input));

        assertThat(find(".plain").getText()).isEqualTo("<b>bold?</b>");
        assertThat(js("return window.__pwned === undefined")).as("injected script must not run").isEqualTo(true);
        assertThat(browser.driver.findElements(By.cssSelector("crowd-button[form-action=submit]"))).hasSize(1);

        submit();
        assertThat(find(".crowd-form-errors").getText()).contains("choose a category");
        assertThat(server.nextPost(1)).as("nothing posted while invalid").isNull();

        // keyboard only: focus the first category, press the second category's number
        find("crowd-classifier input[type=radio]").sendKeys(" ");
        new Actions(browser.driver).sendKeys("2").perform();
        JsonNode answer = submitted("t-classifier");
        assertThat(answer).isEqualTo(JSON.readTree("""
                {"category": {"label": "Dog"}, "source": "model-7", "confidence": "high", "computed": "set-by-hook"}
                """));
    }

    @Test
    void boundingBoxDrawnWithTheMouse() throws Exception {
        String template = """
                <crowd-form>
                  <crowd-bounding-box name="annotatedResult" src="{{ task.input.taskObject }}" header="Draw a box around the animal"
                                      labels="['Animal', 'Person']">
                    <full-instructions header="Boxes"><p>Tight boxes.</p></full-instructions>
                    <short-instructions><p>Box every animal.</p></short-instructions>
                  </crowd-bounding-box>
                </crowd-form>
                """ + READY_HOOK;
        open(server.addTask("t-box", template, "{\"taskObject\": \"/img/test.png\"}"));
        waitFor("return document.querySelector('crowd-bounding-box canvas').width === " + TaskPageServer.IMAGE_WIDTH);

        WebElement canvas = find("crowd-bounding-box canvas");
        double scale = ((Number) js("var c = arguments[0]; return c.getBoundingClientRect().width / c.width;", canvas)).doubleValue();
        int cx = canvas.getSize().getWidth() / 2;
        int cy = canvas.getSize().getHeight() / 2;
        new Actions(browser.driver)
                .moveToElement(canvas, (int) Math.round(100 * scale) - cx, (int) Math.round(50 * scale) - cy)
                .clickAndHold()
                .moveByOffset((int) Math.round(100 * scale), (int) Math.round(100 * scale))
                .moveByOffset((int) Math.round(100 * scale), (int) Math.round(100 * scale))
                .release()
                .perform();

        JsonNode result = submitted("t-box").get("annotatedResult");
        assertThat(result.get("inputImageProperties")).isEqualTo(JSON.readTree("{\"height\": 300, \"width\": 400}"));
        JsonNode box = result.get("boundingBoxes").get(0);
        assertThat(result.get("boundingBoxes")).hasSize(1);
        assertThat(box.get("label").asString()).isEqualTo("Animal");
        assertThat(box.get("left").asInt()).isCloseTo(100, Offset.offset(2));
        assertThat(box.get("top").asInt()).isCloseTo(50, Offset.offset(2));
        assertThat(box.get("width").asInt()).isCloseTo(200, Offset.offset(2));
        assertThat(box.get("height").asInt()).isCloseTo(200, Offset.offset(2));
        assertThat(box.propertyNames()).containsExactlyInAnyOrder("height", "label", "left", "top", "width");
    }

    @Test
    void boundingBoxDrawnWithTheKeyboardOnly() throws Exception {
        String template = """
                <crowd-form>
                  <crowd-bounding-box name="boxes" src="/img/test.png" labels="['Animal']" header="Box it"></crowd-bounding-box>
                </crowd-form>
                """ + READY_HOOK;
        open(server.addTask("t-box-keys", template, "{}"));
        waitFor("return document.querySelector('crowd-bounding-box canvas').width === " + TaskPageServer.IMAGE_WIDTH);
        // the cursor starts at the image centre (200, 150); one arrow step is 1 % of the larger side (4 px)
        find("crowd-bounding-box canvas").sendKeys(" ");
        new Actions(browser.driver).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT,
                Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN, " ").perform();
        assertThat(submitted("t-box-keys").get("boxes").get("boundingBoxes")).isEqualTo(JSON.readTree(
                "[{\"height\": 12, \"label\": \"Animal\", \"left\": 200, \"top\": 150, \"width\": 20}]"));
    }

    @Test
    void textractKeyValueReview() throws Exception {
        String template = """
                {% capture s3_uri %}http://s3.amazonaws.com/{{ task.input.aiServiceRequest.document.s3Object.bucket }}/{{ task.input.aiServiceRequest.document.s3Object.name }}{% endcapture %}
                <crowd-form>
                  <crowd-textract-analyze-document src="/img/test.png" header="Review the key-value pairs"
                      initial-value="{{ task.input.selectedAiServiceResponse.blocks | to_json }}"
                      block-types="['KEY_VALUE_SET']"
                      keys="{{ task.input.humanLoopContext.importantFormKeys | to_json }}"
                      no-key-edit>
                    <short-instructions header="Instructions"><p>Correct the values.</p></short-instructions>
                    <full-instructions header="Instructions"><p>Fix what the model misread.</p></full-instructions>
                  </crowd-textract-analyze-document>
                </crowd-form>
                """ + READY_HOOK;
        String input = """
                {"aiServiceRequest": {"document": {"s3Object": {"bucket": "docs", "name": "form.png"}}},
                 "humanLoopContext": {"importantFormKeys": [
                    {"importantFormKey": "Name", "importantFormKeyAliases": ["Full name"]},
                    {"importantFormKey": "Date of birth", "importantFormKeyAliases": []}]},
                 "selectedAiServiceResponse": {"blocks": [
                    {"blockType": "KEY_VALUE_SET", "id": "k1", "entityTypes": ["KEY"],
                     "geometry": {"boundingBox": {"left": 0.1, "top": 0.1, "width": 0.2, "height": 0.05}},
                     "relationships": [{"type": "VALUE", "ids": ["v1"]}, {"type": "CHILD", "ids": ["w1"]}]},
                    {"blockType": "KEY_VALUE_SET", "id": "v1", "entityTypes": ["VALUE"],
                     "relationships": [{"type": "CHILD", "ids": ["w2", "w3"]}]},
                    {"blockType": "WORD", "id": "w1", "text": "Name:"},
                    {"blockType": "WORD", "id": "w2", "text": "Jane"},
                    {"blockType": "WORD", "id": "w3", "text": "Doo"}]}}
                """;
        open(server.addTask("t-textract", template, input));

        List<WebElement> keys = browser.driver.findElements(By.cssSelector(".crowd-kv-key"));
        List<WebElement> values = browser.driver.findElements(By.cssSelector(".crowd-kv-value"));
        assertThat(keys).extracting(k -> k.getAttribute("value")).containsExactly("Name:", "Date of birth");
        assertThat(values.get(0).getAttribute("value")).isEqualTo("Jane Doo");
        values.get(0).clear();
        values.get(0).sendKeys("Jane Doe");
        values.get(1).sendKeys("1990-01-01");

        JsonNode blocks = submitted("t-textract").get("AWS/Textract/AnalyzeDocument/Forms/V1").get("blocks");
        assertThat(blocks).hasSize(4);
        assertThat(blocks.get(0)).isEqualTo(JSON.readTree("""
                {"blockType": "KEY_VALUE_SET", "id": "k1", "entityTypes": ["KEY"], "text": "Name:",
                 "relationships": [{"type": "VALUE", "ids": ["v1"]}, {"type": "CHILD", "ids": ["w1"]}],
                 "geometry": {"boundingBox": {"left": 0.1, "top": 0.1, "width": 0.2, "height": 0.05}}}
                """));
        assertThat(blocks.get(1)).isEqualTo(JSON.readTree("""
                {"blockType": "KEY_VALUE_SET", "id": "v1", "entityTypes": ["VALUE"], "text": "Jane Doe", "relationships": []}
                """));
        assertThat(blocks.get(2).get("text").asString()).isEqualTo("Date of birth");
        assertThat(blocks.get(2).get("relationships").get(0).get("ids").get(0).asString())
                .isEqualTo(blocks.get(3).get("id").asString());
        assertThat(blocks.get(3).get("text").asString()).isEqualTo("1990-01-01");
    }

    @Test
    void attributeValuesAreReadAsJavaScriptLiteralsWithoutRunningThem() throws Exception {
        open(server.addTask("t-literals", "<crowd-form></crowd-form>" + READY_HOOK, "{}"));
        String parse = "return JSON.stringify(CrowdElements.helpers.parseJsonAttr(arguments[0], 'unreadable'));";
        assertThat(JSON.readTree((String) js(parse, "[{ name: \"Suggestive\", parentName: \"\", }, ]")))
                .isEqualTo(JSON.readTree("[{\"name\": \"Suggestive\", \"parentName\": \"\"}]"));
        assertThat(JSON.readTree((String) js(parse, "['it\\'s', \"don't\", /* note */ 'a \"b\"', // end\n]")))
                .isEqualTo(JSON.readTree("[\"it's\", \"don't\", \"a \\\"b\\\"\"]"));
        assertThat(JSON.readTree((String) js(parse, "{ text: 'None', 'x-y': -1.5e2, n: null, t: true, }")))
                .isEqualTo(JSON.readTree("{\"text\": \"None\", \"x-y\": -150, \"n\": null, \"t\": true}"));
        assertThat(js(parse, "[{ a: alert(1) }]")).isEqualTo("\"unreadable\"");
        assertThat(js(parse, "[1 2]")).isEqualTo("\"unreadable\"");
        assertThat(js("return Object.getPrototypeOf(CrowdElements.helpers.parseJsonAttr(arguments[0])) === Object.prototype",
                "{ __proto__: { polluted: 1 }, }")).isEqualTo(true);
    }

    @Test
    void multiSelectWithExclusionCategory() throws Exception {
        String template = """
                <crowd-form>
                  <crowd-classifier-multi-select name="topics" categories="{{ task.input.labels | to_json | escape }}"
                      header="Which topics does the text cover?" exclusion-category='{"text": "None of these"}'>
                    <classification-target>{{ task.input.taskObject }}</classification-target>
                  </crowd-classifier-multi-select>
                </crowd-form>
                """ + READY_HOOK;
        open(server.addTask("t-multi", template,
                "{\"labels\": [\"Sports\", \"Politics\", \"Tech & Science\"], \"taskObject\": \"Rockets & elections\"}"));
        List<WebElement> choices = browser.driver.findElements(By.cssSelector("crowd-classifier-multi-select .crowd-choice"));
        assertThat(choices).extracting(WebElement::getText)
                .containsExactly("Sports\n1", "Politics\n2", "Tech & Science\n3", "None of these\n4");
        choices.get(1).click();
        choices.get(2).click();
        assertThat(JSON.readTree((String) js("return JSON.stringify(document.querySelector('crowd-form').serialize())")))
                .isEqualTo(JSON.readTree("{\"topics\": {\"labels\": [\"Politics\", \"Tech & Science\"]}}"));
        choices.get(3).click();
        assertThat(JSON.readTree((String) js("return JSON.stringify(document.querySelector('crowd-form').serialize())")))
                .isEqualTo(JSON.readTree("{\"topics\": {\"labels\": []}}"));
        choices.get(0).click();
        assertThat(submitted("t-multi")).isEqualTo(JSON.readTree("{\"topics\": {\"labels\": [\"Sports\"]}}"));
    }

    @Test
    void entityAnnotationWithoutCrowdFormCountsCodePoints() throws Exception {
        String template = """
                <crowd-entity-annotation name="crowd-entity-annotation" header="Highlight people and places"
                    labels='[{"label": "person", "shortDisplayName": "per", "fullDisplayName": "Person"},
                             {"label": "location", "shortDisplayName": "loc", "fullDisplayName": "Location"}]'
                    text="{{ task.input.taskObject }}">
                  <full-instructions header="Named entities"><p>People and places.</p></full-instructions>
                  <short-instructions><p>Select, then label.</p></short-instructions>
                </crowd-entity-annotation>
                """ + READY_HOOK;
        open(server.addTask("t-entities", template, "{\"taskObject\": \"\\ud83d\\ude00 Alice met Bob in Paris.\"}"));
        selectWord("Alice");
        find(".crowd-entity-label[data-label=person]").click();
        selectWord("Paris");
        new Actions(browser.driver).sendKeys("2").perform();
        assertThat(browser.driver.findElements(By.cssSelector("mark.crowd-entity"))).hasSize(2);
        assertThat(submitted("t-entities")).isEqualTo(JSON.readTree("""
                {"crowd-entity-annotation": {"entities": [
                   {"label": "person", "startOffset": 2, "endOffset": 7},
                   {"label": "location", "startOffset": 19, "endOffset": 24}]}}
                """));
    }

    @Test
    void pageShellShowsLeaseInstructionsAndReleasesTheTask() throws Exception {
        String template = """
                <crowd-form>
                  <crowd-classifier name="c" categories="['yes', 'no']" header="Relevant?">
                    <classification-target>{{ task.input.text }}</classification-target>
                    <full-instructions header="Relevance guide"><p>Relevant means on topic.</p></full-instructions>
                    <short-instructions><p>Answer yes or no.</p></short-instructions>
                  </crowd-classifier>
                </crowd-form>
                """ + READY_HOOK;
        open(server.addTask("t-shell", template, "{\"text\": \"Kafka streams\"}"));
        assertThat(find("#rs-countdown").getText()).matches("(9|10):\\d\\d");

        find("#rs-show-instructions").click();
        WebElement dialog = find("#rs-instructions");
        assertThat(dialog.isDisplayed()).isTrue();
        assertThat(dialog.getText()).contains("Relevance guide", "Relevant means on topic.", "Answer yes or no.");
        dialog.findElement(By.cssSelector(".crowd-dialog-close")).click();

        find("#rs-release").click();
        browser.driver.switchTo().alert().accept();
        TaskPageServer.Posted post = server.nextPost(10);
        assertThat(post.path()).isEqualTo("/api/worker/tasks/t-shell/release");
        assertThat(post.csrf()).isEqualTo(TaskPageServer.CSRF_TOKEN);
        browser.waitUntil("the queue page after the release", Duration.ofSeconds(10),
                d -> d.getCurrentUrl().endsWith("/?released=t-shell"));
    }

    @Test
    void formControlsAndLoopsContributeTheirDocumentedShapes() throws Exception {
        String template = """
                <crowd-form>
                  <crowd-radio-group>
                    <crowd-radio-button name="same" value="same">Same</crowd-radio-button>
                    <crowd-radio-button name="different" value="different">Different</crowd-radio-button>
                  </crowd-radio-group>
                  <crowd-checkbox name="flags" value="blurry">Blurry</crowd-checkbox>
                  <crowd-checkbox name="flags" value="dark" checked>Dark</crowd-checkbox>
                  <crowd-toggle-button name="urgent"></crowd-toggle-button>
                  <crowd-slider name="fluency" min="1" max="5" step="1" value="3" pin></crowd-slider>
                  <crowd-input name="empty" label="Left empty"></crowd-input>
                  <crowd-input name="company" label="Company" value="{{ task.input.company }}" required></crowd-input>
                  {% for pair in task.input.pairs %}
                    <crowd-text-area name="translation{{ forloop.index }}" value="{{ pair.text }}" char-counter rows="2"></crowd-text-area>
                  {% endfor %}
                  <crowd-alert type="warning" dismissible>Check twice.</crowd-alert>
                  <crowd-card heading="Document A"><p>card body</p></crowd-card>
                  <crowd-instructions link-text="Read me">
                    <short-summary><p>Summary</p></short-summary>
                    <detailed-instructions><p>Details</p></detailed-instructions>
                    <positive-example><p>good</p></positive-example>
                    <negative-example><p>bad</p></negative-example>
                  </crowd-instructions>
                  <crowd-tabs><crowd-tab header="One">first</crowd-tab><crowd-tab header="Two">second</crowd-tab></crowd-tabs>
                  <crowd-button form-action="submit" variant="primary">Send</crowd-button>
                </crowd-form>
                """ + READY_HOOK;
        open(server.addTask("t-controls", template,
                "{\"company\": \"ACME & Sons\", \"pairs\": [{\"text\": \"Hello\"}, {\"text\": \"World\"}]}"));
        assertThat(browser.driver.findElements(By.cssSelector("crowd-button[form-action=submit]"))).as("no extra submit").hasSize(1);
        find("crowd-radio-button[name=different] input").click();
        find("crowd-checkbox[value=blurry] input").click();
        find("crowd-toggle-button button").click();
        js("var s = document.querySelector('crowd-slider input'); s.value = 4; s.dispatchEvent(new Event('input'));");
        find("crowd-text-area[name=translation2] textarea").sendKeys("!");
        assertThat(find("crowd-tab[header=Two]").isDisplayed()).isFalse();
        find("crowd-tabs [role=tab]:nth-child(2)").click();
        assertThat(find("crowd-tab[header=Two]").isDisplayed()).isTrue();
        List<A2iAnswerShapes.AnswerElement> elements = A2iSampleWorker.answerElements(browser);
        JsonNode answer = submitted("t-controls");
        assertThat(answer).isEqualTo(JSON.readTree("""
                {"same": {"same": false}, "different": {"different": true},
                 "flags": {"blurry": true, "dark": true}, "urgent": {"on": true}, "fluency": 4,
                 "company": "ACME & Sons", "translation1": "Hello", "translation2": "World!"}
                """));
        A2iAnswerShapes.assertAnswer(answer, elements);
    }

    @Test
    void annotationAndModerationElementsReportTheirShapes() throws Exception {
        String template = """
                <crowd-form>
                  <crowd-keypoint name="points" src="/img/test.png" labels="['nose']" header="Mark the nose"></crowd-keypoint>
                  <crowd-polygon name="poly" src="/img/test.png" labels="['roof']" header="Outline"></crowd-polygon>
                  <crowd-semantic-segmentation name="seg" src="/img/test.png" labels="['sky', 'ground']" header="Paint"></crowd-semantic-segmentation>
                  <crowd-line name="lane" src="/img/test.png" labels="['lane']" header="Lane"></crowd-line>
                  <crowd-instance-segmentation name="cars" src="/img/test.png" labels="['car']" header="Cars"></crowd-instance-segmentation>
                  <crowd-image-classifier name="animal" src="/img/test.png" categories="['cat', 'dog']" header="Animal?">
                    <worker-comment header="Why?" link-text="Add a comment" placeholder="Explain"></worker-comment>
                  </crowd-image-classifier>
                  <crowd-rekognition-detect-moderation-labels src="/img/test.png" header="Moderation"
                      categories='{{ task.input.selectedAiServiceResponse.moderationLabels | to_json }}'
                      exclusion-category='{"text": "None of the above"}'>
                  </crowd-rekognition-detect-moderation-labels>
                </crowd-form>
                <script>
                  document.querySelector('crowd-form').onsubmit = function (e) {
                    if (document.querySelector('crowd-keypoint').value.keypoints.length === 0) { e.preventDefault(); }
                  };
                </script>
                """ + READY_HOOK;
        open(server.addTask("t-annotate", template, """
                {"selectedAiServiceResponse": {"moderationLabels": [
                  {"name": "Smoking", "parentName": "Drugs & Tobacco", "confidence": 91.2},
                  {"name": "Weapons", "parentName": "Violence", "confidence": 77.0}]}}
                """));
        waitFor("return Array.from(document.querySelectorAll('crowd-keypoint canvas, crowd-polygon canvas, crowd-semantic-segmentation canvas, crowd-line canvas, crowd-instance-segmentation canvas'))"
                + ".every(function (c) { return c.width === 400; })");

        submit();
        assertThat(server.nextPost(1)).as("the template's onsubmit hook blocks submission without keypoints").isNull();

        clickImage("crowd-keypoint canvas", 40, 30);
        clickImage("crowd-polygon canvas", 10, 10);
        clickImage("crowd-polygon canvas", 110, 10);
        clickImage("crowd-polygon canvas", 110, 90);
        clickImage("crowd-polygon canvas", 10, 10);
        clickImage("crowd-semantic-segmentation canvas", 200, 150);
        clickImage("crowd-line canvas", 20, 280);
        clickImage("crowd-line canvas", 380, 20);
        clickImage("crowd-instance-segmentation canvas", 50, 50);
        browser.driver.findElements(By.cssSelector("crowd-image-classifier .crowd-choice")).get(1).click();
        find("crowd-image-classifier .crowd-link-button:not(.crowd-dialog-host *)").click();
        find("crowd-image-classifier .crowd-worker-comment textarea").sendKeys("ears");
        browser.driver.findElements(By.cssSelector("crowd-rekognition-detect-moderation-labels .crowd-choice")).get(0).click();

        JsonNode answer = submitted("t-annotate");
        JsonNode props = JSON.readTree("{\"height\": 300, \"width\": 400}");
        assertThat(answer.get("points").get("inputImageProperties")).isEqualTo(props);
        JsonNode keypoint = answer.get("points").get("keypoints").get(0);
        assertThat(keypoint.propertyNames()).containsExactly("label", "x", "y");
        assertThat(keypoint.get("x").asInt()).isCloseTo(40, Offset.offset(1));
        assertThat(keypoint.get("y").asInt()).isCloseTo(30, Offset.offset(1));
        assertThat(answer.get("poly").get("inputImageProperties")).isEqualTo(props);
        JsonNode polygon = answer.get("poly").get("polygons").get(0);
        assertThat(answer.get("poly").get("polygons")).hasSize(1);
        assertThat(polygon.get("label").asString()).isEqualTo("roof");
        assertThat(polygon.get("vertices")).hasSize(3);
        int[][] expected = {{10, 10}, {110, 10}, {110, 90}};
        for (int i = 0; i < 3; i++) {
            // the canvas may sit at a fractional CSS position: a click lands within a pixel
            assertThat(polygon.get("vertices").get(i).get("x").asInt()).isCloseTo(expected[i][0], Offset.offset(1));
            assertThat(polygon.get("vertices").get(i).get("y").asInt()).isCloseTo(expected[i][1], Offset.offset(1));
        }
        JsonNode seg = answer.get("seg");
        assertThat(seg.get("labelMappings").propertyNames()).containsExactly("sky", "ground");
        assertThat(seg.get("labelMappings").get("sky").get("color").asString()).matches("#[0-9a-f]{6}");
        byte[] png = Base64.getDecoder().decode(seg.get("labeledImage").get("pngImageData").asString());
        BufferedImage mask = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(mask.getWidth()).isEqualTo(400);
        assertThat(String.format("#%06x", mask.getRGB(200, 150) & 0xffffff)).isEqualTo(seg.get("labelMappings").get("sky").get("color").asString());
        assertThat(mask.getRGB(5, 5) >>> 24).as("unpainted pixels stay transparent").isZero();
        JsonNode line = answer.get("lane").get("lines").get(0);
        assertThat(line.get("label").asString()).isEqualTo("lane");
        assertThat(line.get("vertices")).hasSize(2);
        assertThat(line.get("vertices").get(1).get("x").asInt()).isCloseTo(380, Offset.offset(1));
        JsonNode cars = answer.get("cars");
        assertThat(cars.get("instances")).hasSize(1);
        assertThat(cars.get("instances").get(0).get("label").asString()).isEqualTo("car");
        BufferedImage instances = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(cars.get("labeledImage").get("pngImageData").asString())));
        assertThat(String.format("#%06x", instances.getRGB(50, 50) & 0xffffff))
                .isEqualTo(cars.get("instances").get(0).get("color").asString());
        assertThat(answer.get("animal")).isEqualTo(JSON.readTree("{\"label\": \"dog\", \"workerComment\": \"ears\"}"));
        assertThat(answer.get("AWS/Rekognition/DetectModerationLabels/Image/V3")).isEqualTo(JSON.readTree(
                "{\"moderationLabels\": [{\"name\": \"Smoking\", \"parentName\": \"Drugs & Tobacco\"}]}"));
    }

    @Test
    void polylineImageMultiSelectAndInitialValuesReportTheirShapes() throws Exception {
        String template = """
                <crowd-form>
                  <crowd-polyline name="route" src="/img/test.png" labels="['road', 'path']" header="Trace the road"></crowd-polyline>
                  <crowd-image-classifier-multi-select name="tags" src="/img/test.png" categories="['cat', 'dog', 'bird']"
                      header="What is in the picture?" exclusion-category='{"text": "Nothing"}'>
                  </crowd-image-classifier-multi-select>
                  <crowd-bounding-box name="boxes" src="/img/test.png" labels="['Animal']" header="Check the box"
                      initial-value="{{ task.input.boxes | to_json | escape }}"></crowd-bounding-box>
                  <crowd-keypoint name="points" src="/img/test.png" labels="['eye']" header="Eyes"
                      initial-value='[{"label": "eye", "x": 5, "y": 6}]'></crowd-keypoint>
                  <crowd-classifier name="sentiment" categories="['positive', 'negative']" header="Tone"
                      initial-value="negative"></crowd-classifier>
                  <crowd-classifier-multi-select name="topics" categories="['a', 'b', 'c']" header="Topics"
                      initial-value='["a", "c"]'></crowd-classifier-multi-select>
                </crowd-form>
                """ + READY_HOOK;
        open(server.addTask("t-polyline", template,
                "{\"boxes\": [{\"label\": \"Animal\", \"left\": 10, \"top\": 20, \"width\": 30, \"height\": 40}]}"));
        waitFor("return Array.from(document.querySelectorAll('crowd-polyline canvas, crowd-bounding-box canvas, crowd-keypoint canvas'))"
                + ".every(function (c) { return c.width === 400; })");

        js("document.querySelector('crowd-polyline canvas').focus()");
        new Actions(browser.driver).sendKeys("2").perform();
        clickImage("crowd-polyline canvas", 20, 30);
        clickImage("crowd-polyline canvas", 200, 40);
        clickImage("crowd-polyline canvas", 300, 250);
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        clickImage("crowd-keypoint canvas", 100, 100);

        List<WebElement> tags = browser.driver.findElements(By.cssSelector("crowd-image-classifier-multi-select .crowd-choice"));
        assertThat(tags).extracting(WebElement::getText).containsExactly("cat\n1", "dog\n2", "bird\n3", "Nothing\n4");
        assertThat(find("crowd-image-classifier-multi-select img.crowd-target-image").getAttribute("src")).endsWith("/img/test.png");
        clickCentered(tags.get(0));
        clickCentered(tags.get(2));
        assertThat(JSON.readTree((String) js("return JSON.stringify(document.querySelector('crowd-image-classifier-multi-select').value)")))
                .isEqualTo(JSON.readTree("{\"labels\": [\"cat\", \"bird\"]}"));
        clickCentered(tags.get(3));
        assertThat(JSON.readTree((String) js("return JSON.stringify(document.querySelector('crowd-image-classifier-multi-select').value)")))
                .as("the exclusion category clears the others").isEqualTo(JSON.readTree("{\"labels\": []}"));
        clickCentered(tags.get(1));

        JsonNode answer = submitted("t-polyline");
        JsonNode props = JSON.readTree("{\"height\": 300, \"width\": 400}");
        JsonNode route = answer.get("route");
        assertThat(route.propertyNames()).containsExactlyInAnyOrder("inputImageProperties", "polylines");
        assertThat(route.get("inputImageProperties")).isEqualTo(props);
        assertThat(route.get("polylines")).hasSize(1);
        JsonNode polyline = route.get("polylines").get(0);
        assertThat(polyline.get("label").asString()).isEqualTo("path");
        int[][] expected = {{20, 30}, {200, 40}, {300, 250}};
        assertThat(polyline.get("vertices")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(polyline.get("vertices").get(i).propertyNames()).containsExactly("x", "y");
            assertThat(polyline.get("vertices").get(i).get("x").asInt()).isCloseTo(expected[i][0], Offset.offset(1));
            assertThat(polyline.get("vertices").get(i).get("y").asInt()).isCloseTo(expected[i][1], Offset.offset(1));
        }
        assertThat(answer.get("tags")).isEqualTo(JSON.readTree("{\"labels\": [\"dog\"]}"));
        assertThat(answer.get("boxes")).as("an untouched initial value").isEqualTo(JSON.readTree("""
                {"boundingBoxes": [{"height": 40, "label": "Animal", "left": 10, "top": 20, "width": 30}],
                 "inputImageProperties": {"height": 300, "width": 400}, "initialValueModified": false}
                """));
        JsonNode points = answer.get("points");
        assertThat(points.get("initialValueModified").asBoolean()).isTrue();
        assertThat(points.get("keypoints")).hasSize(2);
        assertThat(points.get("keypoints").get(0)).isEqualTo(JSON.readTree("{\"label\": \"eye\", \"x\": 5, \"y\": 6}"));
        assertThat(answer.get("sentiment")).isEqualTo(JSON.readTree("{\"label\": \"negative\"}"));
        assertThat(answer.get("topics")).isEqualTo(JSON.readTree("{\"labels\": [\"a\", \"c\"]}"));
    }

    @Test
    void entityAnnotationStartsFromItsInitialValueWrittenAsTheDocumentationDoes() throws Exception {
        String template = """
                <crowd-entity-annotation name="entities" header="People"
                    labels="[{'label': 'person', 'fullDisplayName': 'Person'}, {'label': 'place', 'fullDisplayName': 'Place'}]"
                    initial-value="[{ label: 'person', startOffset: 0, endOffset: 5 }]"
                    text="{{ task.input.text }}">
                </crowd-entity-annotation>
                """ + READY_HOOK;
        open(server.addTask("t-entities-initial", template, "{\"text\": \"Alice flew to Oslo.\"}"));
        assertThat(browser.driver.findElements(By.cssSelector("mark.crowd-entity"))).extracting(WebElement::getText)
                .singleElement().asString().startsWith("Alice");
        selectWord("Oslo");
        find(".crowd-entity-label[data-label=place]").click();
        assertThat(submitted("t-entities-initial")).isEqualTo(JSON.readTree("""
                {"entities": {"entities": [
                   {"label": "person", "startOffset": 0, "endOffset": 5},
                   {"label": "place", "startOffset": 14, "endOffset": 18}]}}
                """));
    }

    @Test
    void layoutElementsRenderOpenAndContributeNothing() throws Exception {
        String template = """
                <crowd-form>
                  <p id="inbox">Inbox</p>
                  <crowd-badge for="inbox" label="3"></crowd-badge>
                  <crowd-icon-button id="trash" icon="delete"></crowd-icon-button>
                  <crowd-fab id="add" label="+" title="Add a note"></crowd-fab>
                  <crowd-modal link-text="Open the guide" link-type="button"><p>The guide's text.</p></crowd-modal>
                  <crowd-toast id="saved" duration="0" text="Saved!"></crowd-toast>
                  <span id="term">Kafka</span><crowd-tooltip for="term">A distributed log</crowd-tooltip>
                  <p>Is it <crowd-tooltip id="insect" text="Six legs">an insect</crowd-tooltip>?</p>
                  <crowd-classifier name="answer" categories="['yes', 'no']" header="Ready?"></crowd-classifier>
                </crowd-form>
                """ + READY_HOOK;
        open(server.addTask("t-layout", template, "{}"));

        WebElement badge = find("#inbox crowd-badge");
        assertThat(badge.getText()).isEqualTo("3");
        assertThat(badge.isDisplayed()).isTrue();
        WebElement trash = find("#trash button");
        assertThat(trash.isDisplayed()).isTrue();
        assertThat(trash.getAttribute("aria-label")).isEqualTo("delete");
        WebElement fab = find("#add button");
        assertThat(fab.getText()).isEqualTo("+");
        assertThat(fab.getAttribute("title")).isEqualTo("Add a note");

        WebElement dialog = find("crowd-modal dialog");
        assertThat(dialog.isDisplayed()).isFalse();
        find("crowd-modal button.crowd-btn").click();
        assertThat(dialog.isDisplayed()).isTrue();
        assertThat(dialog.getText()).contains("The guide's text.");
        dialog.findElement(By.cssSelector(".crowd-dialog-close")).click();
        assertThat(dialog.isDisplayed()).isFalse();

        WebElement toast = find("#saved");
        assertThat(toast.isDisplayed()).isFalse();
        js("document.getElementById('saved').show()");
        assertThat(toast.isDisplayed()).isTrue();
        assertThat(toast.getText()).isEqualTo("Saved!");

        WebElement forTip = find("crowd-tooltip[for=term]");
        assertThat(forTip.isDisplayed()).isFalse();
        new Actions(browser.driver).moveToElement(find("#term")).perform();
        assertThat(forTip.isDisplayed()).isTrue();
        assertThat(forTip.getText()).isEqualTo("A distributed log");
        WebElement wrapped = find("#insect");
        assertThat(wrapped.getText()).as("the words stay visible").isEqualTo("an insect");
        new Actions(browser.driver).moveToElement(wrapped).perform();
        assertThat(find("#insect [role=tooltip]").isDisplayed()).isTrue();
        assertThat(find("#insect [role=tooltip]").getText()).isEqualTo("Six legs");
        assertThat(forTip.isDisplayed()).as("hidden again when the pointer leaves").isFalse();

        browser.driver.findElements(By.cssSelector("crowd-classifier .crowd-choice")).get(0).click();
        assertThat(submitted("t-layout")).isEqualTo(JSON.readTree("{\"answer\": {\"label\": \"yes\"}}"));
    }

    @Test
    void aPageThatNeverBecomesReadyFailsWithTheBrowsersConsoleAndSource() {
        String url = server.addTask("t-broken", """
                <crowd-form><p class="broken-page-marker">never ready</p></crowd-form>
                <script>console.error('template failure marker');</script>
                """, "{}");
        browser.driver.get(url);
        AssertionError failure = assertThrows(AssertionError.class,
                () -> browser.waitFor("a readiness flag nobody sets", Duration.ofSeconds(2),
                        "return window.__neverSet === true"));
        assertThat(failure.getMessage())
                .contains("a readiness flag nobody sets")
                .contains("URL: " + url)
                .contains("template failure marker")
                .contains("broken-page-marker");
    }

    /** Clicks an element scrolled to the middle of the window, clear of the page shell's sticky header. */
    private static void clickCentered(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Clicks a point given in image pixels on an annotation canvas. */
    private static void clickImage(String css, int x, int y) {
        WebElement canvas = find(css);
        js("arguments[0].scrollIntoView({block: 'center'})", canvas);
        double scale = ((Number) js("var c = arguments[0]; return c.getBoundingClientRect().width / c.width;", canvas)).doubleValue();
        new Actions(browser.driver)
                .moveToElement(canvas, (int) Math.round(x * scale) - canvas.getSize().getWidth() / 2,
                        (int) Math.round(y * scale) - canvas.getSize().getHeight() / 2)
                .click().perform();
    }

    private static void selectWord(String word) {
        js("""
                var box = document.querySelector('.crowd-entity-text');
                var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
                var node;
                while ((node = walker.nextNode())) {
                  var i = node.data.indexOf(arguments[0]);
                  if (i >= 0) {
                    var r = document.createRange();
                    r.setStart(node, i);
                    r.setEnd(node, i + arguments[0].length);
                    var s = window.getSelection();
                    s.removeAllRanges();
                    s.addRange(r);
                    box.focus();
                    return;
                  }
                }
                throw new Error('word not found');
                """, word);
    }
}
