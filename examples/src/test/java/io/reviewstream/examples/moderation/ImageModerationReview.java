package io.reviewstream.examples.moderation;

import io.reviewstream.examples.KitReview;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer sees the picture and the labels Rekognition was unsure of, and confirms the top-level one; the
 * answer holds exactly that label, as A2I's moderation answer does.
 */
public final class ImageModerationReview implements KitReview {

    private static final String SOURCE = "AWS/Rekognition/DetectModerationLabels/Image/V3";

    @Override
    public String kit() {
        return "image-moderation";
    }

    @Override
    public Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput) {
        assertThat(page.executeScript(
                "var i = document.querySelector('crowd-rekognition-detect-moderation-labels img');"
                        + " return i.complete ? i.naturalWidth : -1;"))
                .as("the uploaded picture, presigned from the object store").isEqualTo((long) Scene.WIDTH);
        JsonNode labels = taskInput.at("/selectedAiServiceResponse/moderationLabels");
        List<WebElement> choices = page.findElements(
                By.cssSelector("crowd-rekognition-detect-moderation-labels .crowd-choice:not(.crowd-exclusion)"));
        assertThat(choices).extracting(c -> c.findElement(By.cssSelector(".crowd-choice-text")).getText())
                .containsExactlyElementsOf(labels.valueStream().map(l -> l.get("name").asString()).toList());
        JsonNode confirmed = labels.valueStream().filter(l -> l.get("parentName").asString().isEmpty())
                .findFirst().orElseThrow();
        choices.get(labels.valueStream().toList().indexOf(confirmed)).click();
        return answer -> {
            ObjectNode expected = JsonNodeFactory.instance.objectNode();
            expected.putObject(SOURCE).putArray("moderationLabels").addObject()
                    .put("name", confirmed.get("name").asString()).put("parentName", "");
            assertThat(answer).isEqualTo(expected);
        };
    }
}
