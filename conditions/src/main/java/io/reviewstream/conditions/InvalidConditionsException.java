package io.reviewstream.conditions;

/** A condition document that cannot be used; the message names where in the document and why. */
public class InvalidConditionsException extends Exception {

    private final String path;

    public InvalidConditionsException(String path, String reason) {
        super("Invalid HumanLoopActivationConditions at " + path + ": " + reason);
        this.path = path;
    }

    /** Where in the document, as a JSONPath-like location such as {@code $.Conditions[0].And[1]}. */
    public String path() {
        return path;
    }
}
