package io.reviewstream.conditions.type;

import io.reviewstream.conditions.InvalidConditionsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code Sampling}: sends {@code RandomSamplingPercentage} percent of inputs to review. The draw is a hash of the
 * sampling key (prediction id or loop name) and the condition's place in the tree, so the same input always gets
 * the same answer, across replays and restarts, while two Sampling conditions in one tree draw independently.
 */
public final class Sampling extends Leaf {

    public static final String TYPE = "Sampling";
    public static final List<String> PARAMETERS = List.of("RandomSamplingPercentage");
    private static final double UNSIGNED_LONG_RANGE = 0x1p64;
    /** One digest per thread, reset by every {@code digest}: looking one up per draw showed in the router's profile. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    });

    private final double percentage;
    private final byte[] salt;

    private Sampling(ObjectNode configured, double percentage, String location) {
        super(configured);
        this.percentage = percentage;
        this.salt = ("|" + location).getBytes(StandardCharsets.UTF_8);
    }

    public static Sampling parse(ObjectNode configured, JsonNode parameters, String location)
            throws InvalidConditionsException {
        JsonNode node = parameters.get("RandomSamplingPercentage");
        if (node == null || !node.isNumber()) {
            throw new InvalidConditionsException(location + ".ConditionParameters.RandomSamplingPercentage",
                    "is required: a number from 0.01 to 100");
        }
        double percentage = node.asDouble();
        if (percentage < 0.01 || percentage > 100) {
            throw new InvalidConditionsException(location + ".ConditionParameters.RandomSamplingPercentage",
                    "must be from 0.01 to 100, not " + node);
        }
        return new Sampling(configured, percentage, location);
    }

    @Override
    public Result evaluate(Input input) {
        return result(draw(input.samplingKey()) < percentage, true, Selection.ALL);
    }

    /** A uniform number in [0, 100) determined by the key. */
    double draw(String key) {
        MessageDigest sha256 = DIGESTS.get();
        sha256.update(key.getBytes(StandardCharsets.UTF_8));
        byte[] digest = sha256.digest(salt);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        double unsigned = bits >= 0 ? bits : bits + UNSIGNED_LONG_RANGE;
        return unsigned / UNSIGNED_LONG_RANGE * 100.0;
    }
}
