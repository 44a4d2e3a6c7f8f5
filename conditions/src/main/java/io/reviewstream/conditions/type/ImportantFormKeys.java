package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ImportantFormKey} and its {@code ImportantFormKeyAliases}, the key spellings a Textract condition is
 * about, compared after {@link TextractForm#normalize}; {@code *} (where allowed) stands for every key.
 *
 * @param key      the key as configured
 * @param spellings the normalized key and aliases; empty for {@code *}
 */
record ImportantFormKeys(String key, List<String> aliases, Set<String> spellings) {

    static final String KEY = "ImportantFormKey";
    static final String ALIASES = "ImportantFormKeyAliases";

    boolean any() {
        return spellings.isEmpty();
    }

    boolean matches(String normalizedKey) {
        return spellings.isEmpty() || spellings.contains(normalizedKey);
    }

    static ImportantFormKeys parse(JsonNode parameters, String location, boolean wildcardAllowed)
            throws InvalidConditionsException {
        JsonNode key = parameters.get(KEY);
        if (key == null || !key.isString() || key.asString().isBlank()) {
            throw new InvalidConditionsException(location + ".ConditionParameters." + KEY,
                    "is required: the key text of a form field" + (wildcardAllowed ? ", or * for every key" : ""));
        }
        boolean wildcard = "*".equals(key.asString());
        if (wildcard && !wildcardAllowed) {
            throw new InvalidConditionsException(location + ".ConditionParameters." + KEY,
                    "must name a key: * cannot be missing");
        }
        List<String> aliases = new ArrayList<>();
        JsonNode aliasesNode = parameters.get(ALIASES);
        if (aliasesNode != null) {
            if (!aliasesNode.isArray()) {
                throw new InvalidConditionsException(location + ".ConditionParameters." + ALIASES,
                        "must be an array of strings");
            }
            for (int i = 0; i < aliasesNode.size(); i++) {
                JsonNode alias = aliasesNode.get(i);
                if (!alias.isString() || alias.asString().isBlank()) {
                    throw new InvalidConditionsException(location + ".ConditionParameters." + ALIASES + "[" + i + "]",
                            "must be a non-empty string");
                }
                aliases.add(alias.asString());
            }
        }
        if (wildcard && !aliases.isEmpty()) {
            throw new InvalidConditionsException(location + ".ConditionParameters." + ALIASES,
                    "has no meaning with ImportantFormKey *, which matches every key");
        }
        Set<String> spellings = new HashSet<>();
        if (!wildcard) {
            spellings.add(TextractForm.normalize(key.asString()));
            aliases.forEach(alias -> spellings.add(TextractForm.normalize(alias)));
        }
        return new ImportantFormKeys(key.asString(), List.copyOf(aliases), Set.copyOf(spellings));
    }
}
