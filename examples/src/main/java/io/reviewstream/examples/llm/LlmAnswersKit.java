package io.reviewstream.examples.llm;

import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.ObjectLocation;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A support assistant's answers, as its serving layer logs them: the prompt, the answer, the score of the answer
 * grader, the knowledge-base articles it cited and the safety filter's verdict. A person rates and corrects the
 * answers the grader doubts, the uncited ones and the ones the safety filter flagged.
 */
public final class LlmAnswersKit implements Kit {

    /** A question with the right answer, a plausible wrong one, and the article that holds the right one. */
    private record Question(String prompt, String right, String wrong, String article) {
    }

    private static final List<Question> QUESTIONS = List.of(
            new Question("How do I reset my Lumen X2 router to factory settings?",
                    "Hold the reset button on the back for 10 seconds until the light blinks amber,"
                            + " then wait two minutes for the router to restart.",
                    "Unplug the router for 30 seconds; it resets itself to factory settings when it powers up again.",
                    "kb-0142"),
            new Question("Can I use the Lumen X2 with my own modem?",
                    "Yes. Connect your modem to the WAN port and choose 'Bridge mode' under Settings > Internet.",
                    "No, the Lumen X2 only works with the modem supplied by your provider.",
                    "kb-0087"),
            new Question("What is the default Wi-Fi password?",
                    "It is printed on the label under the router, next to 'WPA key'.",
                    "The default password is 'admin' for every router.",
                    "kb-0011"),
            new Question("How do I turn on the guest network?",
                    "Open the Lumen app, go to Wi-Fi > Guest network and switch it on;"
                            + " you can set a separate password there.",
                    "Press the WPS button twice quickly to start the guest network.",
                    "kb-0203"),
            new Question("Why does my connection drop every evening?",
                    "Evening drops are usually channel congestion: under Wi-Fi > Advanced set the channel"
                            + " to 'Auto' and restart the router.",
                    "The router turns Wi-Fi off every evening to save power; this cannot be changed.",
                    "kb-0318"));

    private enum Scenario {
        CONFIDENT, DOUBTED_BY_GRADER, UNCITED, FLAGGED
    }

    @Override
    public String name() {
        return "llm-answers";
    }

    @Override
    public String flowDefinitionName() {
        return "assistant-answer-review";
    }

    @Override
    public Batch generate(KitRandom random, int count, ObjectLocation objects) {
        List<GeneratedPrediction> predictions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double draw = random.raw().nextDouble();
            Scenario scenario = draw < 0.5 ? Scenario.CONFIDENT : draw < 0.75 ? Scenario.DOUBTED_BY_GRADER
                    : draw < 0.9 ? Scenario.UNCITED : Scenario.FLAGGED;
            Question question = random.pick(QUESTIONS);
            String id = random.id("answer");
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.put("conversationId", random.id("conv"));
            input.put("model", "support-assistant-2026-09");
            input.put("prompt", question.prompt());
            input.put("answer", switch (scenario) {
                case DOUBTED_BY_GRADER -> question.wrong();
                case FLAGGED -> question.right() + " If it still fails, call me on my private number 555-0143.";
                default -> question.right();
            });
            input.put("score", scenario == Scenario.DOUBTED_BY_GRADER ? random.between(0.18, 0.55, 3)
                    : random.between(0.72, 0.97, 3));
            ArrayNode citations = input.putArray("citations");
            if (scenario != Scenario.UNCITED) {
                citations.add(question.article());
            }
            input.put("safety", scenario == Scenario.FLAGGED ? "pii-detected" : "safe");
            input.putObject("usage").put("inputTokens", random.between(300, 1400))
                    .put("outputTokens", random.between(40, 180));
            input.put("latencyMs", random.between(350, 2400));
            predictions.add(new GeneratedPrediction(id, input, scenario != Scenario.CONFIDENT));
        }
        return new Batch(predictions, List.of());
    }
}
