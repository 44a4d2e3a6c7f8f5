package io.reviewstream.examples;

import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

import java.util.function.Consumer;

/**
 * What a reviewer does on a kit's worker page, and what the kit's output must then say: the end-to-end test opens
 * the page, lets the review fill the form as a person would, submits it, and hands output.json's answerContent to
 * the check the review returned.
 */
public interface KitReview {

    /** The kit this review is for, as {@code examples/<kit>/} names it. */
    String kit();

    /**
     * Fills the form of the open worker page for the task whose input is given.
     *
     * @return the check of {@code humanAnswers[0].answerContent} in output.json
     */
    Consumer<JsonNode> review(ChromeDriver page, JsonNode taskInput);
}
