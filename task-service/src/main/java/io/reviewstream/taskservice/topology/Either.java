package io.reviewstream.taskservice.topology;

import java.util.function.Function;

/**
 * What a queue command came to: refused ({@link Left}) or done ({@link Right}). A handler says which; the processor
 * turns either into the worker's reply, so that no handler writes a reply of its own.
 */
sealed interface Either<L, R> {

    record Left<L, R>(L value) implements Either<L, R> {
    }

    record Right<L, R>(R value) implements Either<L, R> {
    }

    static <L, R> Either<L, R> left(L value) {
        return new Left<>(value);
    }

    static <L, R> Either<L, R> right(R value) {
        return new Right<>(value);
    }

    default <T> T fold(Function<? super L, ? extends T> ifLeft, Function<? super R, ? extends T> ifRight) {
        return this instanceof Left<L, R> left ? ifLeft.apply(left.value())
                : ifRight.apply(((Right<L, R>) this).value());
    }
}
