package io.reviewstream.examples.kit;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/** A seeded source of the choices a generator makes, so that a seed always gives the same predictions. */
public final class KitRandom {

    private final Random random;

    public KitRandom(long seed) {
        this.random = new Random(seed);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public int between(int fromInclusive, int toInclusive) {
        return fromInclusive + random.nextInt(toInclusive - fromInclusive + 1);
    }

    /** A number in [from, to), rounded to the given decimals as the services report them. */
    public double between(double from, double to, int decimals) {
        double scale = Math.pow(10, decimals);
        double value = Math.floor((from + random.nextDouble() * (to - from)) * scale) / scale;
        return Math.max(from, value);
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A random UUID, as the services give their blocks and jobs. */
    public String uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    /** A prediction id: the prefix and ten hex digits, a valid human loop name as it is. */
    public String id(String prefix) {
        return prefix + "-" + String.format("%010x", random.nextLong() & 0xFFFFFFFFFFL);
    }

    public Random raw() {
        return random;
    }
}
