package io.reviewstream.conditions;

/** The conditions are valid but this input does not have the shape they need (e.g. not a JSON object). */
public class ConditionNotApplicableException extends RuntimeException {

    public ConditionNotApplicableException(String message) {
        super(message);
    }
}
