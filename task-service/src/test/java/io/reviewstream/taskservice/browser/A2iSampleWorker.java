package io.reviewstream.taskservice.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A worker on the page of any A2I sample template, whatever it asks: what the page defines and names, a generic
 * answer to every question, one annotation with every annotation element (drawn with the keyboard, as the elements
 * allow), and the errors of the page's own scripts.
 */
public final class A2iSampleWorker {

    private static final Duration IMAGE_LOADED = Duration.ofSeconds(10);

    private A2iSampleWorker() {
    }

    /** Crowd elements on the page that are not defined. */
    @SuppressWarnings("unchecked")
    public static List<String> undefinedElements(Browser browser) {
        return (List<String>) browser.driver.executeScript("""
                return Array.prototype.filter.call(document.querySelectorAll('*'), function (e) {
                  return e.localName.indexOf('crowd-') === 0 && !customElements.get(e.localName);
                }).map(function (e) { return e.localName; });""");
    }

    /**
     * The crowd elements that contribute to the answer: named ones and the two built-in elements, which answer under
     * the key of their task type. Disabled ones and file inputs contribute nothing, as documented, and an element
     * whose name a native control of the form also has is one the template means to discard (A2I's hierarchical
     * bounding box sample answers through a hidden input and overwrites the box's own entry).
     */
    @SuppressWarnings("unchecked")
    public static List<A2iAnswerShapes.AnswerElement> answerElements(Browser browser) {
        List<List<String>> found = (List<List<String>>) browser.driver.executeScript("""
                var builtIn = { 'crowd-textract-analyze-document': 'AWS/Textract/AnalyzeDocument/Forms/V1',
                  'crowd-rekognition-detect-moderation-labels': 'AWS/Rekognition/DetectModerationLabels/Image/V3' };
                var nativeNames = Array.prototype.map.call(
                    document.querySelectorAll('input[name], select[name], textarea[name]'), function (n) { return n.name; });
                return Array.prototype.filter.call(document.querySelectorAll('*'), function (e) {
                  return e.localName.indexOf('crowd-') === 0 && typeof e.crowdAnswer === 'function'
                      && (builtIn[e.localName] || e.getAttribute('name')) && !e.hasAttribute('disabled')
                      && nativeNames.indexOf(e.getAttribute('name')) < 0
                      && !(e.localName === 'crowd-input' && (e.getAttribute('type') || '').toLowerCase() === 'file');
                }).map(function (e) {
                  return [e.localName, builtIn[e.localName] || e.getAttribute('name'), e.getAttribute('value') || 'on'];
                });""");
        return found.stream().map(f -> new A2iAnswerShapes.AnswerElement(f.get(0), f.get(1), f.get(2))).toList();
    }

    /** Forgets what the console said so far: {@link #pageErrors(Browser)} then tells what came after. */
    public static void clearConsole(Browser browser) {
        browser.driver.manage().logs().get(LogType.BROWSER);
    }

    /**
     * Severe console entries except resources that do not load: pictures in instructions that need the Internet,
     * and frames whose generic input is no page that may be framed (the YouTube sample's video URL).
     */
    public static List<String> pageErrors(Browser browser) {
        return browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource") && !m.contains("in a frame because it set"))
                .toList();
    }

    /**
     * Answers everything: the first choice of every question, text in every empty text field (a label of their own
     * where the template lets the worker add labels), and one annotation with each annotation element and each
     * entity annotation.
     */
    public static void answer(Browser browser) {
        browser.driver.executeScript(ANSWER_EVERYTHING);
        // the custom-labels samples start with no labels and let the worker add their own
        for (WebElement add : browser.driver.findElements(By.cssSelector("crowd-button#addLabel button"))) {
            add.click();
        }
        for (WebElement element : browser.driver.findElements(By.cssSelector(String.join(", ", STROKES.keySet())))) {
            WebElement canvas = (WebElement) browser.driver.executeScript("return arguments[0].canvas", element);
            assertThat(canvas).as("the drawing canvas of " + element.getTagName()).isNotNull();
            browser.waitUntil("the image of " + element.getTagName() + " to load", IMAGE_LOADED, d -> Boolean.TRUE.equals(
                    browser.driver.executeScript("return arguments[0].width > 0", canvas)));
            browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
            canvas.sendKeys(STROKES.get(element.getTagName()));
        }
        for (WebElement element : browser.driver.findElements(
                By.cssSelector("crowd-entity-annotation, crowd-entity-annotator"))) {
            Object selected = browser.driver.executeScript(SELECT_FIRST_WORD, element);
            assertThat(selected).as("a word to mark in " + element.getTagName()).isEqualTo(Boolean.TRUE);
            WebElement label = element.findElement(By.cssSelector(".crowd-entity-label"));
            browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", label);
            label.click();
        }
    }

    /** Watches for what the form tells the worker is missing, for {@link #formErrors(Browser)}. */
    public static void watchFormErrors(Browser browser) {
        browser.driver.executeScript("window.__formErrors = []; new MutationObserver(function () {"
                + " document.querySelectorAll('.crowd-form-errors').forEach(function (e) {"
                + " if (e.textContent) { window.__formErrors.push(e.textContent); } });"
                + " }).observe(document.body, { subtree: true, childList: true, characterData: true });");
    }

    public static Object formErrors(Browser browser) {
        return browser.driver.executeScript("return window.__formErrors");
    }

    public static void submit(Browser browser) {
        browser.driver.findElement(By.cssSelector("crowd-button[form-action=submit] button")).click();
    }

    /**
     * The keys that make one annotation from the cursor, which starts at the image centre: Space presses and
     * releases (a drag tool's press and release are two Spaces), the arrows move 1 % of the image per step.
     */
    private static final Map<String, CharSequence[]> STROKES = Map.of(
            "crowd-bounding-box", keys(" ", right(10), down(10), " "),
            "crowd-keypoint", keys(" "),
            "crowd-line", keys(" ", right(10), down(10), " "),
            "crowd-polyline", keys(" ", right(10), " ", down(10), " ", Keys.ENTER),
            "crowd-polygon", keys(" ", right(10), " ", down(10), " ", Keys.ENTER),
            "crowd-semantic-segmentation", keys(" ", right(10), down(10), " "),
            "crowd-instance-segmentation", keys(" ", right(10), down(10), " "));

    private static CharSequence[] keys(CharSequence... keys) {
        return keys;
    }

    private static CharSequence right(int steps) {
        return String.valueOf(Keys.ARROW_RIGHT).repeat(steps);
    }

    private static CharSequence down(int steps) {
        return String.valueOf(Keys.ARROW_DOWN).repeat(steps);
    }

    private static final String SELECT_FIRST_WORD = """
            var box = arguments[0].querySelector('.crowd-entity-text');
            var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            var node;
            while ((node = walker.nextNode())) {
              var word = /\\S+/.exec(node.data);
              if (word) {
                var range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                var selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                box.focus();
                return true;
              }
            }
            return false;""";

    /** The first choice of every question, text in every empty text field. */
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
}
