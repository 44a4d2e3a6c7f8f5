package io.reviewstream.examples.text;

import io.reviewstream.examples.KitReview;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer reads the message with Comprehend's findings, picks the category, sets the sentiment and removes
 * the first entity; the answer carries the category, the sentiment and the remaining entities with their offsets.
 */
public final class TextReviewReview implements KitReview {

    @Override
    public String kit() {
        return "text-review";
    }

    @Override
    public Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput) {
        assertThat(page.findElement(By.cssSelector(".message")).getText()).isEqualTo(taskInput.get("text").asString());
        List<WebElement> choices = page.findElements(By.cssSelector("crowd-classifier .crowd-choice"));
        assertThat(choices).extracting(c -> c.findElement(By.cssSelector(".crowd-choice-text")).getText())
                .containsExactlyElementsOf(TextReviewKit.CATEGORIES);
        choices.get(TextReviewKit.CATEGORIES.indexOf("technical")).click();
        Select sentiment = new Select(page.findElement(By.cssSelector("select[name=sentiment]")));
        assertThat(sentiment.getFirstSelectedOption().getDomProperty("value"))
                .isEqualTo(taskInput.at("/sentiment/Sentiment").asString());
        sentiment.selectByValue("NEGATIVE");
        List<JsonNode> found = taskInput.at("/entities/Entities").valueStream().toList();
        List<WebElement> listed = page.findElements(By.cssSelector("crowd-entity-annotation .crowd-shape-list li"));
        assertThat(listed).hasSameSizeAs(found);
        listed.get(0).findElement(By.tagName("button")).click();

        ObjectNode expected = JsonNodeFactory.instance.objectNode();
        expected.putObject("category").put("label", "technical");
        expected.put("sentiment", "NEGATIVE");
        ArrayNode entities = expected.putObject("entities").putArray("entities");
        found.stream().skip(1).forEach(e -> entities.addObject().put("label", e.get("Type").asString())
                .put("startOffset", e.get("BeginOffset").asInt()).put("endOffset", e.get("EndOffset").asInt()));
        return answer -> assertThat(answer).isEqualTo(expected);
    }
}
