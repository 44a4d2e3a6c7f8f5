package io.reviewstream.templates.liquid;

/** A render stopped because it went past one of {@link RenderBudget}'s limits. */
final class RenderLimitException extends RuntimeException {

    RenderLimitException(String message) {
        super(message);
    }
}
