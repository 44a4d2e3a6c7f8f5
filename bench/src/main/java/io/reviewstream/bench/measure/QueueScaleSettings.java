package io.reviewstream.bench.measure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sizes of a QueueScale run, each a system property ({@code -Dbench.samples=100} ...); the defaults finish in a
 * few minutes on two cores.
 *
 * @param samples          timed calls of each single-client measure, and round trips of the baseline
 * @param smallQueue       open tasks left in the queue while one client claims and answers
 * @param workers          numbers of concurrent workers, one run each
 * @param concurrentTasks  tasks queued for each concurrent run
 * @param steadyRate       predictions per second of the background load while prediction-to-claim is timed again
 * @param openSizes        open tasks of the team at which claim-next is timed, the heaps taken, ascending
 * @param sizeSamples      timed claims at each of those sizes
 * @param restartSizes     of those sizes, the ones at which each service is killed and restarted (default: the largest)
 * @param heap             each service's -Xmx, unless {@code bench.heap.<module>} sets one for it
 * @param pacedWorkers     workers who take a reviewer's time over each task, for the latency goal (0: no such step)
 * @param thinkTime        how long such a worker spends on a task between its claim and its answer, on average
 * @param pacedDuration    how long those workers work
 * @param teamShards       shards of every team's queue in task-service
 * @param taskInstances    instances of task-service for the last concurrent run (above 1, the runs of
 *                         {@code workers} are repeated with that many instances, the workers spread over them)
 * @param instanceSettle   how long the run waits after starting more instances, for Kafka Streams to move tasks
 *                         to them (after warm-up, at a probing rebalance: pass task-service a shorter
 *                         {@code probing.rebalance.interval.ms} than its 10 minutes)
 * @param claimWait        how long the worker timing prediction-to-claim lets each claim-next wait for a task
 *                         ({@code waitSeconds}; 0: it polls without pause)
 * @param steps            the steps to run, by name ({@code baseline, one-client, prediction-to-claim, workers,
 *                         paced, steady, instances, open-sizes}); all by default
 */
public record QueueScaleSettings(int samples, int smallQueue, List<Integer> workers, int concurrentTasks,
                                 int steadyRate, List<Integer> openSizes, int sizeSamples, List<Integer> restartSizes,
                                 String heap, int pacedWorkers, Duration thinkTime, Duration pacedDuration,
                                 int teamShards, int taskInstances, Duration instanceSettle, Duration claimWait,
                                 Set<String> steps) {

    public static final Set<String> STEPS = Set.of("baseline", "one-client", "prediction-to-claim", "workers",
            "paced", "steady", "instances", "open-sizes");

    public QueueScaleSettings {
        if (!STEPS.containsAll(steps)) {
            throw new IllegalArgumentException("bench.steps: unknown step among " + steps + "; the steps are " + STEPS);
        }
    }

    public static QueueScaleSettings fromSystemProperties() {
        List<Integer> openSizes = ints(System.getProperty("bench.open-sizes", "1000,10000,100000"));
        return new QueueScaleSettings(
                Integer.getInteger("bench.samples", 100),
                Integer.getInteger("bench.small-queue", 20),
                ints(System.getProperty("bench.workers", "8,200")),
                Integer.getInteger("bench.concurrent-tasks", 300),
                Integer.getInteger("bench.steady-rate", 1000),
                openSizes,
                Integer.getInteger("bench.size-samples", 50),
                ints(System.getProperty("bench.restart-sizes", String.valueOf(openSizes.get(openSizes.size() - 1)))),
                System.getProperty("bench.heap", "2g"),
                Integer.getInteger("bench.paced-workers", 200),
                Duration.ofMillis(Integer.getInteger("bench.think-ms", 10_000)),
                Duration.ofSeconds(Integer.getInteger("bench.paced-seconds", 60)),
                Integer.getInteger("bench.team-shards", 1),
                Integer.getInteger("bench.task-instances", 1),
                Duration.ofSeconds(Integer.getInteger("bench.instance-settle-seconds", 90)),
                Duration.ofSeconds(Integer.getInteger("bench.claim-wait-seconds", 10)),
                Set.copyOf(Arrays.stream(System.getProperty("bench.steps", String.join(",", STEPS)).split(","))
                        .map(String::trim).toList()));
    }

    public boolean runs(String step) {
        return steps.contains(step);
    }

    public String heapOf(String module) {
        return System.getProperty("bench.heap." + module, heap);
    }

    /**
     * The settings a service gets on top of the standalone mode's: {@code -Dbench.config.<module>.<key>=<value>}
     * for any of its keys, and for task-service the team shards.
     */
    public Map<String, String> settingsOf(String module) {
        String prefix = "bench.config." + module + ".";
        Map<String, String> settings = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                settings.put(key.substring(prefix.length()), System.getProperty(key));
            }
        }
        if (module.equals("task-service")) {
            settings.putIfAbsent("reviewstream.tasks.team-shards", String.valueOf(teamShards));
        }
        return settings;
    }

    private static List<Integer> ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).sorted().toList();
    }
}
