package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * A2I's {@code ImportantFormKeyConfidenceCheck} (Textract AnalyzeDocument): true when a key-value pair whose key
 * is {@code ImportantFormKey} or one of its aliases ({@code *}: any key) satisfies every bound given. The
 * {@code KeyValueBlockConfidence…} bounds test the pair's KEY_VALUE_SET blocks and the {@code WordBlockConfidence…}
 * bounds each of its WORD blocks; both are tested on the lowest confidence, so {@code LessThan 90} means "some
 * block below 90" and {@code GreaterThanEquals 95} means "every block at least 95". The passing pairs, with their
 * blocks, are what reviewers see.
 */
public final class ImportantFormKeyConfidenceCheck extends Leaf {

    public static final String TYPE = "ImportantFormKeyConfidenceCheck";
    public static final List<String> PARAMETERS = Stream.of(
            Stream.of(ImportantFormKeys.KEY, ImportantFormKeys.ALIASES),
            Comparison.names("KeyValueBlockConfidence").stream(),
            Comparison.names("WordBlockConfidence").stream()).flatMap(s -> s).toList();

    private final ImportantFormKeys keys;
    private final Comparison keyValue;
    private final Comparison words;

    private ImportantFormKeyConfidenceCheck(ObjectNode configured, ImportantFormKeys keys, Comparison keyValue,
                                            Comparison words) {
        super(configured);
        this.keys = keys;
        this.keyValue = keyValue;
        this.words = words;
    }

    public static ImportantFormKeyConfidenceCheck parse(ObjectNode configured, JsonNode parameters, String location)
            throws InvalidConditionsException {
        ImportantFormKeys keys = ImportantFormKeys.parse(parameters, location, true);
        Comparison keyValue = Comparison.parse(parameters, "KeyValueBlockConfidence", location, false)
                .requireWithin(0, 100, location);
        Comparison words = Comparison.parse(parameters, "WordBlockConfidence", location, false)
                .requireWithin(0, 100, location);
        if (keyValue.isEmpty() && words.isEmpty()) {
            throw new InvalidConditionsException(location + ".ConditionParameters", "needs at least one "
                    + "KeyValueBlockConfidence… or WordBlockConfidence… bound, e.g. KeyValueBlockConfidenceLessThan");
        }
        return new ImportantFormKeyConfidenceCheck(configured, keys, keyValue, words);
    }

    @Override
    public Result evaluate(Input input) {
        BitSet selected = new BitSet();
        for (TextractForm.Pair pair : input.textract().pairs()) {
            if (keys.matches(pair.key()) && passes(keyValue, pair.keyValueConfidence())
                    && passes(words, pair.wordConfidence())) {
                selected.or(pair.blocks());
            }
        }
        return result(!selected.isEmpty(), false, Selection.of(selected, keys.any() ? "*" : keys.key()));
    }

    private static boolean passes(Comparison comparison, double confidence) {
        return comparison.isEmpty() || !Double.isNaN(confidence) && comparison.test(confidence);
    }
}
