package io.reviewstream.examples.translation;

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
 * The translator compares source and machine translation, grades it and rewrites it; the answer carries the grade
 * and the corrected text.
 */
public final class TranslationReview implements KitReview {

    private static final String CORRECTED = "Halten Sie die Ein-/Aus-Taste fünf Sekunden lang gedrückt.";

    @Override
    public String kit() {
        return "translation";
    }

    @Override
    public Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput) {
        assertThat(page.findElement(By.cssSelector(".segment.source")).getText())
                .isEqualTo(taskInput.at("/source/text").asString());
        assertThat(page.findElement(By.cssSelector(".segment.translation")).getText())
                .isEqualTo(taskInput.at("/translation/TranslatedText").asString());
        List<WebElement> choices = page.findElements(By.cssSelector("crowd-classifier .crowd-choice"));
        assertThat(choices).extracting(c -> c.findElement(By.cssSelector(".crowd-choice-text")).getText())
                .containsExactly("correct", "minor errors", "major errors");
        choices.get(2).click();
        WebElement correction = page.findElement(By.cssSelector("crowd-text-area[name=correctedTranslation] textarea"));
        assertThat(correction.getDomProperty("value"))
                .isEqualTo(taskInput.at("/translation/TranslatedText").asString());
        correction.clear();
        correction.sendKeys(CORRECTED);
        ObjectNode expected = JsonNodeFactory.instance.objectNode();
        expected.putObject("quality").put("label", "major errors");
        expected.put("correctedTranslation", CORRECTED);
        return answer -> assertThat(answer).isEqualTo(expected);
    }
}
