package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * AWS's published sample templates, unchanged, on the worker page. The samples here reach into a crowd element's
 * {@code shadowRoot} for parts of A2I's own rendering, which must be there for them; one loads a library from a
 * CDN, which the page does not load unless the operator allows its origin.
 */
class A2iSampleTemplatesBrowserTest extends TaskPageBrowserTest {

    @Test
    void segmentationValidationOverlaysItsMaskOnTheBoundingBoxCanvas() throws Exception {
        String mask = Base64.getEncoder().encodeToString(TaskPageServer.testImage());
        open(server.addTaskWithObjects("t-sample-overlay",
                A2iSampleTemplates.read("images/semantic-segmentation-bounding-box-validation.liquid.html") + READY_HOOK,
                JSON.writeValueAsString(Map.of("taskObject", "s3://images/bird.png", "pngString", mask))));
        // the template places its overlay a second after the page is ready
        browser.waitFor("the template's overlay", Browser.PAGE_READY,
                "return document.querySelector('body > img[src^=\"data:image/png\"]') !== null");
        waitFor("return document.querySelector('crowd-bounding-box canvas').width === " + TaskPageServer.IMAGE_WIDTH);
        new Actions(browser.driver).moveToElement(find("crowd-bounding-box .crowd-header")).click().perform();
        browser.waitFor("the overlay to cover the canvas", Browser.PAGE_READY, """
                var o = document.querySelector('body > img[src^="data:image/png"]').getBoundingClientRect();
                var c = document.querySelector('crowd-bounding-box canvas').getBoundingClientRect();
                return Math.abs(o.left - c.left) < 1 && Math.abs(o.top - c.top) < 1 && Math.abs(o.width - c.width) < 1
                    && c.width > 0;""");
        assertThat(js("return document.querySelector('body > img[src^=\"data:image/png\"]').style.opacity"))
                .as("opacity from the template's crowd-slider").isEqualTo("0.5");
        assertThat(submitted("t-sample-overlay").get("incorrectSegments").get("boundingBoxes")).isEmpty();
    }

    @Test
    void customInstructionsWidthSetsThePaneAndDialogWidths() {
        open(server.addTaskWithObjects("t-sample-width",
                A2iSampleTemplates.read("other/custom-instructions-width.liquid.html") + READY_HOOK,
                "{\"taskObject\": \"s3://videos/clip.mp4\"}"));
        browser.waitFor("the template to widen the instructions", Browser.PAGE_READY,
                "return document.querySelector('crowd-classifier-multi-select aside').style.width === '400px'");
        WebElement pane = find("crowd-classifier-multi-select aside");
        assertThat(pane.getText()).contains("Read the task carefully");
        assertThat(((Number) js("return arguments[0].getBoundingClientRect().width", pane)).doubleValue())
                .isCloseTo(400, Offset.offset(1.0));
        find("crowd-classifier-multi-select .crowd-link-button").click();
        WebElement dialog = find("crowd-classifier-multi-select dialog");
        assertThat(dialog.getText()).contains("Choose the appropriate label");
        assertThat(js("return getComputedStyle(arguments[0]).maxWidth", dialog)).isEqualTo("90%");
    }

    @Test
    void entityRecognitionMovesItsAdditionalQuestionIntoTheForm() throws Exception {
        open(server.addTask("t-sample-ner-extra",
                A2iSampleTemplates.read("text/named-entity-recognition-with-additional-classification.liquid.html")
                        + READY_HOOK, "{}"));
        assertThat(js("return document.getElementById('additionalQuestions').parentElement.tagName")).isEqualTo("CROWD-FORM");
        List<WebElement> radios = browser.driver.findElements(By.cssSelector("#additionalQuestions crowd-radio-button"));
        assertThat(radios).extracting(WebElement::getText).containsExactly("Technology", "Politics");
        radios.get(0).click();
        assertThat(submitted("t-sample-ner-extra")).isEqualTo(JSON.readTree("""
                {"crowd-entity-annotation": {"entities": []},
                 "tech": {"tech": true}, "politics": {"politics": false}}
                """));
    }

    @Test
    void aScriptFromACdnIsNotLoadedAndTheConsoleSaysWhy() {
        String cdnScript = "https://cdnjs.cloudflare.com/ajax/libs/draggable/1.0.0-beta.8/draggable.bundle.js";
        browser.driver.manage().logs().get(LogType.BROWSER);
        open(server.addTaskWithObjects("t-sample-cdn",
                A2iSampleTemplates.read("images/multi-image-classification-draggable.liquid.html") + READY_HOOK,
                "{\"image1\": \"s3://f/1.jpg\", \"image2\": \"s3://f/2.jpg\", \"image3\": \"s3://f/3.jpg\", \"image4\": \"s3://f/4.jpg\"}"));
        assertThat(js("return document.querySelectorAll('script[src*=\"cdnjs\"]').length")).isEqualTo(0L);
        assertThat(js("return document.querySelector('script[data-blocked-src]').getAttribute('data-blocked-src')"))
                .isEqualTo(cdnScript);
        assertThat(browser.driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .anyMatch(m -> m.contains("did not load the script " + cdnScript)
                        && m.contains("reviewstream.portal.script-origins"));
        assertThat(browser.driver.findElements(By.cssSelector("img.draggable"))).hasSize(4).allMatch(WebElement::isDisplayed);
    }
}
