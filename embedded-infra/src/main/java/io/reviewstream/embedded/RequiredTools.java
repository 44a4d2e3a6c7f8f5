package io.reviewstream.embedded;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that drive a program from outside the build (a browser, Prometheus, Python's AWS SDK) skip with a message
 * on a machine without it, and fail in continuous integration (environment {@code CI=true}, or
 * {@code -Dreviewstream.require-tools=true}), which installs them: a CI run must not pass by skipping them.
 */
public final class RequiredTools {

    public static final String REQUIRE_TOOLS = "reviewstream.require-tools";

    private RequiredTools() {
    }

    /** @param install what to install, and how, named in the skip or failure message */
    public static void assumeAvailable(boolean available, String install) {
        if (!available && required()) {
            fail("A required tool is missing: " + install);
        }
        assumeTrue(available, "Skipped: " + install);
    }

    private static boolean required() {
        return Boolean.getBoolean(REQUIRE_TOOLS) || "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
