package io.reviewstream.looprouter.domain;

import io.reviewstream.schemas.digest.Sha256;

/** Loop names: A2I's pattern, and the name a prediction's loop gets when the producer did not choose one. */
public final class LoopNames {

    public static final int MAX_LENGTH = 63;
    private static final int READABLE_PREFIX = 40;

    private LoopNames() {
    }

    /**
     * A2I's pattern {@code [a-z0-9](-*[a-z0-9])*}, at most 63 characters. Checked by hand, not with a regular
     * expression: every prediction's loop name is checked, and the matcher showed up in the router's profile.
     */
    public static boolean isValid(String name) {
        int length = name == null ? 0 : name.length();
        if (length == 0 || length > MAX_LENGTH || !isLowerAlphanumeric(name.charAt(0))
                || !isLowerAlphanumeric(name.charAt(length - 1))) {
            return false;
        }
        for (int i = 1; i < length - 1; i++) {
            char c = name.charAt(i);
            if (c != '-' && !isLowerAlphanumeric(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
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
        String hash = Sha256.hex(predictionId).substring(0, 16);
        return readable.isEmpty() ? "prediction-" + hash : readable + "-" + hash;
    }
}
