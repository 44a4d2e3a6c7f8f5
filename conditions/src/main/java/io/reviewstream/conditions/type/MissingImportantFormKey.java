package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A2I's {@code MissingImportantFormKey} (Textract AnalyzeDocument): true when no key of the document is
 * {@code ImportantFormKey} or one of its aliases. It selects no pairs: reviewers are asked to find the key.
 */
public final class MissingImportantFormKey extends Leaf {

    public static final String TYPE = "MissingImportantFormKey";
    public static final List<String> PARAMETERS = List.of(ImportantFormKeys.KEY, ImportantFormKeys.ALIASES);

    private final ImportantFormKeys keys;

    private MissingImportantFormKey(ObjectNode configured, ImportantFormKeys keys) {
        super(configured);
        this.keys = keys;
    }

    public static MissingImportantFormKey parse(ObjectNode configured, JsonNode parameters, String location)
            throws InvalidConditionsException {
        return new MissingImportantFormKey(configured, ImportantFormKeys.parse(parameters, location, false));
    }

    @Override
    public Result evaluate(Input input) {
        for (TextractForm.Pair pair : input.textract().pairs()) {
            if (keys.matches(pair.key())) {
                return result(false, false);
            }
        }
        return result(true, false);
    }
}
