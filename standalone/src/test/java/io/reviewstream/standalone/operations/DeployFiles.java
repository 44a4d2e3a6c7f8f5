package io.reviewstream.standalone.operations;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's deployment files, found from the module directory the tests run in. */
final class DeployFiles {

    private DeployFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No deploy/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path deploy(String relative) {
        return root().resolve("deploy").resolve(relative);
    }
}
