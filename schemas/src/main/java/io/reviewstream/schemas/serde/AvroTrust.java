package io.reviewstream.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates generated classes only from trusted packages; ours must be added once per JVM. The validator
 * is global by Avro's design, so this composes ours with whatever is already configured instead of replacing it.
 */
final class AvroTrust {

    private static final String PACKAGE_PREFIX = "io.reviewstream.";
    private static volatile boolean installed;

    private AvroTrust() {
    }

    static void ensureInstalled() {
        if (installed) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (!installed) {
                ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current,
                        type -> type.getName().startsWith(PACKAGE_PREFIX)));
                installed = true;
            }
        }
    }
}
