package io.reviewstream.examples.kit;

import io.reviewstream.examples.detection.ImageDetectionKit;
import io.reviewstream.examples.documentkv.DocumentKeyValueKit;
import io.reviewstream.examples.inspection.VisualInspectionKit;
import io.reviewstream.examples.llm.LlmAnswersKit;
import io.reviewstream.examples.moderation.ImageModerationKit;
import io.reviewstream.examples.tabular.TabularDecisionsKit;
import io.reviewstream.examples.text.TextReviewKit;
import io.reviewstream.examples.transcription.TranscriptionKit;
import io.reviewstream.examples.translation.TranslationKit;

import java.util.List;
import java.util.Optional;

/** Every kit, in the order of examples/README.md. */
public final class Kits {

    private static final List<Kit> ALL = List.of(new DocumentKeyValueKit(), new ImageModerationKit(),
            new ImageDetectionKit(), new TextReviewKit(), new TranscriptionKit(), new TranslationKit(),
            new TabularDecisionsKit(), new LlmAnswersKit(), new VisualInspectionKit());

    private Kits() {
    }

    public static List<Kit> all() {
        return ALL;
    }

    public static Optional<Kit> named(String name) {
        return ALL.stream().filter(kit -> kit.name().equals(name)).findFirst();
    }
}
