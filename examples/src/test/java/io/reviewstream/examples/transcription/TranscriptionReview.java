package io.reviewstream.examples.transcription;

import io.reviewstream.examples.KitReview;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer plays the recording (it must load from the object store and last as long as the transcript),
 * sees the doubtful word highlighted, and rewrites the transcript; the answer is A2I's transcription shape.
 */
public final class TranscriptionReview implements KitReview {

    private static final String CORRECTED = "Hello, I would like to change the address on my account.";

    @Override
    public String kit() {
        return "transcription";
    }

    @Override
    public Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput) {
        new WebDriverWait(page, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                page.executeScript("return document.querySelector('audio').readyState >= 1")));
        double duration = ((Number) page.executeScript("return document.querySelector('audio').duration"))
                .doubleValue();
        JsonNode items = taskInput.at("/transcribeJob/results/items");
        double lastWordEnd = items.valueStream().filter(i -> i.has("end_time"))
                .mapToDouble(i -> Double.parseDouble(i.get("end_time").asString())).max().orElseThrow();
        assertThat(duration).as("the recording's length").isGreaterThan(lastWordEnd);
        assertThat(page.findElements(By.cssSelector(".doubt"))).as("the doubtful word, highlighted").hasSize(1);
        WebElement transcript = page.findElement(By.cssSelector("crowd-text-area[name=transcription] textarea"));
        assertThat(transcript.getDomProperty("value"))
                .isEqualTo(taskInput.at("/transcribeJob/results/transcripts/0/transcript").asString());
        transcript.clear();
        transcript.sendKeys(CORRECTED);
        ObjectNode expected = JsonNodeFactory.instance.objectNode().put("transcription", CORRECTED);
        return answer -> assertThat(answer).isEqualTo(expected);
    }
}
