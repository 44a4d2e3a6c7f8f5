package io.reviewstream.examples.documentkv;

import io.reviewstream.examples.KitReview;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer reads the invoice image, types the invoice number and the total as printed into every field the
 * page lists (the doubtful ones Textract read, and the important ones it did not find), and the answer carries
 * those key-value pairs as Textract KEY_VALUE_SET blocks.
 */
public final class DocumentKeyValueReview implements KitReview {

    private static final String SOURCE = "AWS/Textract/AnalyzeDocument/Forms/V1";

    @Override
    public String kit() {
        return "document-key-value";
    }

    @Override
    public Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput) {
        assertThat(page.executeScript("var i = document.querySelector('crowd-textract-analyze-document img');"
                + " return i.complete ? i.naturalWidth : -1;"))
                .as("the invoice image, presigned from the object store").isEqualTo((long) InvoicePage.WIDTH);
        List<WebElement> keys = page.findElements(By.cssSelector(".crowd-kv-key"));
        List<WebElement> values = page.findElements(By.cssSelector(".crowd-kv-value"));
        assertThat(keys).as("a row for each doubtful or missing important field").isNotEmpty().hasSameSizeAs(values);
        Map<String, String> typed = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i).getDomProperty("value");
            String value = key.toLowerCase().contains("invoice") ? "INV-2026-1000" + i : "$1,234.5" + i;
            values.get(i).clear();
            values.get(i).sendKeys(value);
            typed.put(key, value);
        }
        assertThat(typed.keySet()).as("both important keys, as printed or as the flow names them")
                .anyMatch(k -> k.toLowerCase().startsWith("invoice"))
                .anyMatch(k -> k.matches("(?i)(total|amount|balance) due:?"));
        return answer -> {
            assertThat(answer.propertyNames()).containsExactly(SOURCE);
            JsonNode blocks = answer.get(SOURCE).get("blocks");
            Map<String, JsonNode> byId = new HashMap<>();
            blocks.forEach(block -> {
                assertThat(block.get("blockType").asString()).isEqualTo("KEY_VALUE_SET");
                byId.put(block.get("id").asString(), block);
            });
            Map<String, String> pairs = new LinkedHashMap<>();
            blocks.forEach(block -> {
                if (block.get("entityTypes").get(0).asString().equals("KEY")) {
                    String valueId = block.get("relationships").get(0).get("ids").get(0).asString();
                    assertThat(block.get("relationships").get(0).get("type").asString()).isEqualTo("VALUE");
                    pairs.put(block.get("text").asString(), byId.get(valueId).get("text").asString());
                }
            });
            assertThat(pairs).as("the reviewed pairs").isEqualTo(typed);
        };
    }
}
