package io.reviewstream.looprouter.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Loop names: A2I's pattern, and the name a prediction's loop gets when the producer did not choose one. */
public final class LoopNames {

    public static final int MAX_LENGTH = 63;
    private static final Pattern VALID = Pattern.compile("[a-z0-9](-*[a-z0-9])*");
    private static final int READABLE_PREFIX = 40;

    private LoopNames() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }

    /**
     * A valid loop name for a prediction id: the id itself when it already is one, otherwise a readable prefix of it
     * plus a hash, so that different ids never collide and the same id always maps to the same name.
     */
    public static String forPrediction(String predictionId) {
        if (isValid(predictionId)) {
            return predictionId;
        }
        String readable = predictionId.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (readable.length() > READABLE_PREFIX) {
            readable = readable.substring(0, READABLE_PREFIX).replaceAll("-+$", "");
        }
        String hash = sha256Hex(predictionId).substring(0, 16);
        return readable.isEmpty() ? "prediction-" + hash : readable + "-" + hash;
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
