package io.reviewstream.examples.detection;

import io.reviewstream.examples.KitReview;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer changes the scene, boxes a bicycle the model missed and places a point for a head, all with the
 * keyboard; the answer keeps the model's boxes and points with the additions, in the image's pixels.
 */
public final class ImageDetectionReview implements KitReview {

    @Override
    public String kit() {
        return "image-detection";
    }

    @Override
    public Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput) {
        for (String element : List.of("crowd-bounding-box", "crowd-keypoint")) {
            new WebDriverWait(page, Duration.ofSeconds(30)).until(d -> Long.valueOf(ImageDetectionKit.WIDTH).equals(
                    page.executeScript("return document.querySelector('" + element + " canvas').width")));
        }
        Select scene = new Select(page.findElement(By.cssSelector("select[name=scene]")));
        assertThat(scene.getFirstSelectedOption().getDomProperty("value"))
                .isEqualTo(taskInput.at("/classification/label").asString());
        String chosen = taskInput.at("/classification/label").asString().equals("park") ? "street" : "park";
        scene.selectByValue(chosen);

        WebElement boxes = page.findElement(By.cssSelector("crowd-bounding-box canvas"));
        boxes.sendKeys("3");
        boxes.sendKeys(" ");
        new Actions(page).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_DOWN, " ").perform();
        WebElement points = page.findElement(By.cssSelector("crowd-keypoint canvas"));
        points.sendKeys("1");
        points.sendKeys(" ");

        List<JsonNode> detections = taskInput.get("detections").valueStream().toList();
        List<JsonNode> keypoints = new ArrayList<>();
        taskInput.get("keypoints").forEach(person -> person.get("points").forEach(keypoints::add));
        return answer -> {
            assertThat(answer.get("scene").asString()).isEqualTo(chosen);
            JsonNode objects = answer.get("objects");
            assertThat(objects.at("/inputImageProperties/width").asInt()).isEqualTo(ImageDetectionKit.WIDTH);
            assertThat(objects.get("initialValueModified").asBoolean()).isTrue();
            List<JsonNode> answeredBoxes = objects.get("boundingBoxes").valueStream().toList();
            assertThat(answeredBoxes).hasSize(detections.size() + 1);
            for (int i = 0; i < detections.size(); i++) {
                assertThat(answeredBoxes.get(i).get("label").asString())
                        .isEqualTo(detections.get(i).get("label").asString());
                for (String side : List.of("left", "top", "width", "height")) {
                    assertThat(answeredBoxes.get(i).get(side).asInt()).as(side)
                            .isEqualTo(detections.get(i).at("/box/" + side).asInt());
                }
            }
            JsonNode bicycle = answeredBoxes.get(detections.size());
            assertThat(bicycle.get("label").asString()).isEqualTo("bicycle");
            assertThat(bicycle.get("width").asInt()).isPositive();
            JsonNode pose = answer.get("pose");
            assertThat(pose.at("/inputImageProperties/height").asInt()).isEqualTo(ImageDetectionKit.HEIGHT);
            assertThat(pose.get("initialValueModified").asBoolean()).isTrue();
            List<JsonNode> answeredPoints = pose.get("keypoints").valueStream().toList();
            assertThat(answeredPoints).hasSize(keypoints.size() + 1);
            for (int i = 0; i < keypoints.size(); i++) {
                assertThat(answeredPoints.get(i).get("label").asString())
                        .isEqualTo(keypoints.get(i).get("label").asString());
                assertThat(answeredPoints.get(i).get("x").asInt()).isEqualTo(keypoints.get(i).get("x").asInt());
                assertThat(answeredPoints.get(i).get("y").asInt()).isEqualTo(keypoints.get(i).get("y").asInt());
            }
            JsonNode head = answeredPoints.get(keypoints.size());
            assertThat(head.get("label").asString()).isEqualTo("head");
            assertThat(head.get("x").asInt()).isBetween(0, ImageDetectionKit.WIDTH);
            assertThat(head.get("y").asInt()).isBetween(0, ImageDetectionKit.HEIGHT);
        };
    }
}
