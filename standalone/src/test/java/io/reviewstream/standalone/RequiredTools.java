package io.reviewstream.standalone;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that drive a program from outside the build (a Python SDK, a browser, Prometheus) skip with a message on a
 * developer's machine without it, and fail where the build is told the tools must be there, so that a CI run
 * cannot pass by skipping them.
 */
final class RequiredTools {

    static final String REQUIRE_TOOLS = "reviewstream.require-tools";

    private RequiredTools() {
    }

    static void assumeAvailable(boolean available, String tool) {
        if (!available && Boolean.getBoolean(REQUIRE_TOOLS)) {
            fail(tool + " is missing, and " + REQUIRE_TOOLS + " says it must be installed");
        }
        assumeTrue(available, "skipped: install " + tool);
    }
}
