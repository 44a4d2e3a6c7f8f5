package io.reviewstream.examples.inspection;

import io.reviewstream.examples.KitReview;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector sees the part photo with the detector's boxes, and boxes one more defect with the keyboard (label
 * 3, a hole); the answer holds the detector's boxes and the new one, in the image's pixels.
 */
public final class VisualInspectionReview implements KitReview {

    @Override
    public String kit() {
        return "visual-inspection";
    }

    @Override
    public Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput) {
        new WebDriverWait(page, Duration.ofSeconds(30)).until(d -> Long.valueOf(VisualInspectionKit.WIDTH).equals(
                page.executeScript("return document.querySelector('crowd-bounding-box canvas').width")));
        WebElement canvas = page.findElement(By.cssSelector("crowd-bounding-box canvas"));
        canvas.sendKeys("3");
        canvas.sendKeys(" ");
        new Actions(page).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_DOWN, " ").perform();
        return answer -> {
            assertThat(answer.propertyNames()).containsExactly("defects");
            JsonNode defects = answer.get("defects");
            assertThat(defects.get("initialValueModified").asBoolean()).as("the detector's boxes were changed")
                    .isTrue();
            assertThat(defects.get("inputImageProperties").get("width").asInt()).isEqualTo(VisualInspectionKit.WIDTH);
            assertThat(defects.get("inputImageProperties").get("height").asInt()).isEqualTo(VisualInspectionKit.HEIGHT);
            List<JsonNode> boxes = defects.get("boundingBoxes").valueStream().toList();
            List<JsonNode> detected = taskInput.get("defects").valueStream().toList();
            assertThat(boxes).hasSize(detected.size() + 1);
            for (int i = 0; i < detected.size(); i++) {
                JsonNode box = detected.get(i).get("box");
                assertThat(boxes.get(i).get("label").asString()).isEqualTo(detected.get(i).get("label").asString());
                for (String side : List.of("left", "top", "width", "height")) {
                    assertThat(boxes.get(i).get(side).asInt()).as(side).isEqualTo(box.get(side).asInt());
                }
            }
            JsonNode added = boxes.get(detected.size());
            assertThat(added.get("label").asString()).isEqualTo("hole");
            assertThat(added.get("width").asInt()).isPositive();
            assertThat(added.get("height").asInt()).isPositive();
            assertThat(added.get("left").asInt()).isBetween(0, VisualInspectionKit.WIDTH);
            assertThat(added.get("top").asInt()).isBetween(0, VisualInspectionKit.HEIGHT);
        };
    }
}
