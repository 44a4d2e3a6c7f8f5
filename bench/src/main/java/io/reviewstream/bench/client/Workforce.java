package io.reviewstream.bench.client;

import io.reviewstream.standalone.Demo;
import io.reviewstream.standalone.WorkerApi;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's workers in task-service's users file: the demo worker, {@code size} more reviewers of the demo team and
 * one reviewer of the load team, each signing in with HTTP Basic (a bcrypt check per call, as for any script).
 */
public final class Workforce {

    public static final String LOAD_TEAM = "bench-load-team";
    public static final String LOAD_GROUP = "bench-load";
    public static final String LOAD_FLOW = "bench-load-flow";
    private static final String PASSWORD = "bench-password";

    private final int size;

    public Workforce(int size) {
        this.size = size;
    }

    /** Written before the standalone infrastructure starts, which then leaves it as it is. */
    public void writeUsersFile(Path file) throws IOException {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        String demoHash = bcrypt.encode(Demo.WORKER_PASSWORD);
        String hash = bcrypt.encode(PASSWORD);
        List<String> lines = new ArrayList<>();
        lines.add(Demo.WORKER + ":" + demoHash + ":" + Demo.GROUP);
        for (int i = 0; i < size; i++) {
            lines.add(reviewer(i) + ":" + hash + ":" + Demo.GROUP);
        }
        lines.add("bench-load-worker:" + hash + ":" + LOAD_GROUP);
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    public Worker demoWorker(String taskService) {
        return new Worker(WorkerApi.demoWorker(taskService));
    }

    /** The demo team's reviewer number {@code i}. */
    public Worker reviewer(String taskService, int i) {
        return new Worker(new WorkerApi(taskService, reviewer(i), PASSWORD));
    }

    public Worker loadTeamWorker(String taskService) {
        return new Worker(new WorkerApi(taskService, "bench-load-worker", PASSWORD));
    }

    private static String reviewer(int i) {
        return "bench-reviewer-" + i;
    }
}
