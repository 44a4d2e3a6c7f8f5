package io.reviewstream.examples.text;

import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.ObjectLocation;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Customer messages analysed with Amazon Comprehend: a custom classifier's ClassifyDocument response (the
 * category), DetectSentiment and DetectEntities, each in the API's shape. A person checks messages whose
 * category is uncertain, whose sentiment is mixed, or with an entity Comprehend was unsure of.
 */
public final class TextReviewKit implements Kit {

    static final List<String> CATEGORIES = List.of("billing", "shipping", "returns", "technical", "feedback");
    private static final List<String> NAMES = List.of("Maria Lopez", "Tom Becker", "Aisha Khan", "Jonas Berg");
    private static final List<String> PRODUCTS = List.of("Lumen X2 router", "Aero 5 headphones", "Pixel Dock");
    private static final List<String> CITIES = List.of("Rotterdam", "Leeds", "Lyon", "Graz");
    private static final List<String> DATES = List.of("March 3", "last Friday", "November 28", "yesterday");

    /** A message with {placeholders} for entities, its category and its sentiment. */
    private record Message(String text, String category, String sentiment) {
    }

    private static final List<Message> MESSAGES = List.of(
            new Message("Hi, this is {PERSON}. I was charged twice for my {COMMERCIAL_ITEM} on {DATE}."
                    + " Please refund the second payment.",
                    "billing", "NEGATIVE"),
            new Message("My {COMMERCIAL_ITEM} arrived in {LOCATION} with a cracked case."
                    + " Can I send it back for a new one?",
                    "returns", "NEGATIVE"),
            new Message("Thanks {PERSON}! The {COMMERCIAL_ITEM} works great since the update on {DATE}.",
                    "feedback", "POSITIVE"),
            new Message("I cannot sign in to the app since {DATE}; it keeps saying my password is wrong. {PERSON}",
                    "technical", "NEGATIVE"));
    private static final Message MIXED = new Message(
            "The {COMMERCIAL_ITEM} itself is lovely, but delivery to {LOCATION} took three weeks"
                    + " and nobody answered my emails.",
            "shipping", "MIXED");

    private enum Scenario {
        CLEAR, UNCERTAIN_CATEGORY, MIXED_SENTIMENT, UNSURE_ENTITY
    }

    @Override
    public String name() {
        return "text-review";
    }

    @Override
    public String flowDefinitionName() {
        return "message-review";
    }

    @Override
    public Batch generate(KitRandom random, int count, ObjectLocation objects) {
        List<GeneratedPrediction> predictions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double draw = random.raw().nextDouble();
            Scenario scenario = draw < 0.5 ? Scenario.CLEAR : draw < 0.7 ? Scenario.UNCERTAIN_CATEGORY
                    : draw < 0.85 ? Scenario.MIXED_SENTIMENT : Scenario.UNSURE_ENTITY;
            Message message = scenario == Scenario.MIXED_SENTIMENT ? MIXED : random.pick(MESSAGES);
            Map<String, List<String>> fillers = Map.of("PERSON", NAMES, "COMMERCIAL_ITEM", PRODUCTS,
                    "LOCATION", CITIES, "DATE", DATES);

            StringBuilder text = new StringBuilder();
            ArrayNode entities = JsonNodeFactory.instance.arrayNode();
            String rest = message.text();
            while (rest.contains("{")) {
                int open = rest.indexOf('{');
                int close = rest.indexOf('}');
                text.append(rest, 0, open);
                String type = rest.substring(open + 1, close);
                String value = random.pick(fillers.get(type));
                entities.addObject().put("Score", random.between(0.9, 0.9999, 4)).put("Type", type)
                        .put("Text", value).put("BeginOffset", text.length())
                        .put("EndOffset", text.length() + value.length());
                text.append(value);
                rest = rest.substring(close + 1);
            }
            text.append(rest);
            if (scenario == Scenario.UNSURE_ENTITY) {
                ((ObjectNode) entities.get(random.between(0, entities.size() - 1)))
                        .put("Score", random.between(0.41, 0.74, 4));
            }

            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.put("messageId", random.id("msg"));
            input.put("channel", random.pick("email", "chat", "contact-form"));
            input.put("languageCode", "en");
            input.put("text", text.toString());
            input.set("classification", classes(random, message.category(),
                    scenario == Scenario.UNCERTAIN_CATEGORY));
            input.set("sentiment", sentiment(random, message.sentiment()));
            input.putObject("entities").set("Entities", entities);
            predictions.add(new GeneratedPrediction(input.get("messageId").asString(), input,
                    scenario != Scenario.CLEAR));
        }
        return new Batch(predictions, List.of());
    }

    /** ClassifyDocument's response for a multi-class classifier: every class with a score, best first. */
    private static ObjectNode classes(KitRandom random, String category, boolean uncertain) {
        double top = uncertain ? random.between(0.38, 0.64, 4) : random.between(0.86, 0.98, 4);
        List<String> others = new ArrayList<>(CATEGORIES);
        others.remove(category);
        String runnerUp = random.pick(others);
        double second = uncertain ? top - random.between(0.02, 0.15, 4) : (1 - top) * 0.6;
        // the classifier is as likely to be wrong as right when it is unsure
        String first = uncertain && random.chance(0.5) ? runnerUp : category;
        String next = first.equals(category) ? runnerUp : category;
        double left = Math.max(0, 1 - top - second);
        List<String> rest = new ArrayList<>(others);
        rest.remove(runnerUp);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode list = response.putArray("Classes");
        list.addObject().put("Name", first).put("Score", top);
        list.addObject().put("Name", next).put("Score", round(second));
        rest.stream().sorted(Comparator.naturalOrder()).forEach(name ->
                list.addObject().put("Name", name).put("Score", round(left / rest.size())));
        return response;
    }

    /** DetectSentiment's response: the sentiment and the score of each. */
    private static ObjectNode sentiment(KitRandom random, String sentiment) {
        double main = sentiment.equals("MIXED") ? random.between(0.45, 0.8, 4) : random.between(0.86, 0.99, 4);
        double rest = 1 - main;
        ObjectNode response = JsonNodeFactory.instance.objectNode().put("Sentiment", sentiment);
        ObjectNode scores = response.putObject("SentimentScore");
        for (String name : List.of("POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED")) {
            double score = name.equals(sentiment) ? main : sentiment.equals("MIXED") && !name.equals("NEUTRAL")
                    ? rest * 0.45 : rest / (sentiment.equals("MIXED") ? 10 : 3);
            scores.put(name.charAt(0) + name.substring(1).toLowerCase(), round(score));
        }
        return response;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
