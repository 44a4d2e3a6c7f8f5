package io.reviewstream.taskservice.web;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One running task-service in standalone mode (built-in users from a file), shared by the tests that extend this
 * class (same configuration, so Spring reuses one context).
 */
abstract class RunningTaskService extends TaskServiceFixture {

    static final String PASSWORD = "secret-password";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Path STATE;
    private static final Path USERS;

    static {
        try {
            STATE = Files.createTempDirectory("task-service-test");
            USERS = STATE.resolve("users.txt");
            String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
            Files.writeString(USERS, "# test workers\nalice:" + hash + ":group-a\nbob:" + hash + ":group-a,other\n"
                    + "carol:" + hash + ":group-b\ndave:" + hash + ":group-lease\nerin:" + hash + ":group-lease\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void standalone(DynamicPropertyRegistry registry) {
        infrastructure(registry, RUN, STATE.resolve("state"));
        registry.add("reviewstream.portal.users-file", USERS::toString);
    }
}
