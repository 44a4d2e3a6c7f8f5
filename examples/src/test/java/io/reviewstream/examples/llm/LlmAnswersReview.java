package io.reviewstream.examples.llm;

import io.reviewstream.examples.KitReview;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer reads the prompt and the answer, moves the rating down to 1 with the keyboard and rewrites the
 * answer; the answer carries the rating as a number and the corrected text.
 */
public final class LlmAnswersReview implements KitReview {

    private static final String CORRECTED = "Hold the reset button for 10 seconds, then wait two minutes.";

    @Override
    public String kit() {
        return "llm-answers";
    }

    @Override
    public Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput) {
        assertThat(page.findElement(By.cssSelector(".prompt")).getText()).isEqualTo(taskInput.get("prompt").asString());
        assertThat(page.findElement(By.cssSelector(".answer")).getText()).isEqualTo(taskInput.get("answer").asString());
        WebElement correction = page.findElement(By.cssSelector("crowd-text-area[name=correctedAnswer] textarea"));
        assertThat(correction.getDomProperty("value")).as("the answer, ready to edit")
                .isEqualTo(taskInput.get("answer").asString());
        WebElement rating = page.findElement(By.cssSelector("crowd-slider[name=rating] input[type=range]"));
        assertThat(rating.getDomProperty("value")).isEqualTo("3");
        rating.sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT);
        correction.clear();
        correction.sendKeys(CORRECTED);
        ObjectNode expected = JsonNodeFactory.instance.objectNode().put("rating", 1).put("correctedAnswer", CORRECTED);
        return answer -> assertThat(answer).isEqualTo(expected);
    }
}
