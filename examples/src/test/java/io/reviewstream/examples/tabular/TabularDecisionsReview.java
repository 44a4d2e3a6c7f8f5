package io.reviewstream.examples.tabular;

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
 * The analyst reads the payment's features on the page, labels it, and gives a reason; the answer carries the
 * label and the reason, the pair a retraining job reads.
 */
public final class TabularDecisionsReview implements KitReview {

    @Override
    public String kit() {
        return "tabular-decisions";
    }

    @Override
    public Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput) {
        String shown = page.findElement(By.cssSelector("crowd-form")).getText();
        assertThat(shown).contains(taskInput.get("transactionId").asString(),
                taskInput.at("/features/merchantCategory").asString());
        boolean fraud = taskInput.get("score").asDouble() >= 0.5;
        String label = fraud ? "fraud" : "legitimate";
        List<WebElement> choices = page.findElements(By.cssSelector("crowd-classifier .crowd-choice"));
        assertThat(choices).extracting(c -> c.findElement(By.cssSelector(".crowd-choice-text")).getText())
                .containsExactly("legitimate", "fraud");
        choices.get(fraud ? 1 : 0).click();
        String reason = fraud ? "Night-time electronics purchase far from home" : "Regular customer, known merchant";
        page.findElement(By.cssSelector("crowd-text-area[name=reason] textarea")).sendKeys(reason);
        ObjectNode expected = JsonNodeFactory.instance.objectNode();
        expected.putObject("verdict").put("label", label);
        expected.put("reason", reason);
        return answer -> assertThat(answer).isEqualTo(expected);
    }
}
