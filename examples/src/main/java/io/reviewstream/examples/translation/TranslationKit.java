package io.reviewstream.examples.translation;

import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.ObjectLocation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Product help texts machine-translated from English to German: the source segment, Amazon Translate's
 * TranslateText response, and a quality-estimation model's score for the pair. Translations the estimator doubts
 * go to a translator, who grades and corrects them.
 */
public final class TranslationKit implements Kit {

    /** A source segment, a good German translation, and a poor one a machine could produce. */
    private record Segment(String source, String good, String poor) {
    }

    private static final List<Segment> SEGMENTS = List.of(
            new Segment("Press and hold the power button for five seconds.",
                    "Halten Sie die Ein-/Aus-Taste fünf Sekunden lang gedrückt.",
                    "Drücken und halten Sie den Macht-Knopf für fünf Sekunden."),
            new Segment("Your order has been shipped and will arrive on Friday.",
                    "Ihre Bestellung wurde versandt und kommt am Freitag an.",
                    "Ihre Ordnung wurde verschifft und wird am Freitag ankommen."),
            new Segment("The battery is not covered by the warranty.",
                    "Der Akku ist von der Garantie ausgenommen.",
                    "Die Batterie ist nicht bedeckt durch den Garantieschein."),
            new Segment("Sign in to track your parcel.",
                    "Melden Sie sich an, um Ihr Paket zu verfolgen.",
                    "Zeichen Sie in, um Ihre Parzelle zu verfolgen."),
            new Segment("Keep the device away from water.",
                    "Halten Sie das Gerät von Wasser fern.",
                    "Behalten Sie das Gerät weg von Wasser."),
            new Segment("Refunds are issued within 14 days of receiving the return.",
                    "Rückerstattungen erfolgen innerhalb von 14 Tagen nach Eingang der Rücksendung.",
                    "Erstattungen werden ausgestellt innerhalb 14 Tage vom Empfangen der Rückkehr."));

    @Override
    public String name() {
        return "translation";
    }

    @Override
    public String flowDefinitionName() {
        return "translation-review";
    }

    @Override
    public Batch generate(KitRandom random, int count, ObjectLocation objects) {
        List<GeneratedPrediction> predictions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean poor = random.chance(0.4);
            Segment segment = random.pick(SEGMENTS);
            String id = random.id("segment");
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.put("documentId", "help-center/" + random.pick("returns", "shipping", "devices", "account"));
            ObjectNode source = input.putObject("source");
            source.put("text", segment.source()).put("language", "en");
            // TranslateText's response, as the SDK returns it
            ObjectNode translation = input.putObject("translation");
            translation.put("TranslatedText", poor ? segment.poor() : segment.good());
            translation.put("SourceLanguageCode", "en");
            translation.put("TargetLanguageCode", "de");
            translation.putObject("AppliedSettings").put("Formality", "FORMAL");
            input.putObject("qualityEstimate").put("model", "qe-xlmr-2026-06")
                    .put("score", poor ? random.between(0.31, 0.69, 3) : random.between(0.8, 0.97, 3));
            predictions.add(new GeneratedPrediction(id, input, poor));
        }
        return new Batch(predictions, List.of());
    }
}
