package io.reviewstream.bench;

import io.reviewstream.bench.baseline.RequestReplyRoundTrip;
import io.reviewstream.bench.client.ArrivalWatch;
import io.reviewstream.bench.client.PredictionFeed;
import io.reviewstream.bench.client.Worker;
import io.reviewstream.bench.client.Workforce;
import io.reviewstream.bench.measure.Latencies;
import io.reviewstream.bench.measure.QueueScaleSettings;
import io.reviewstream.bench.measure.Report;
import io.reviewstream.bench.system.HeapCensus;
import io.reviewstream.bench.system.Services;
import io.reviewstream.looprouter.topology.LoopRouterTopology;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.standalone.Demo;
import io.reviewstream.standalone.ServiceProcess;
import io.reviewstream.standalone.StandaloneConfig;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The human side at workforce scale, measured from outside as issue 14 measured it: the standalone mode's
 * infrastructure with the four services as processes of their own, one team of reviewers on the worker API over
 * HTTP Basic, predictions produced to Kafka. Every row of the table, and as a floor a Kafka request/reply
 * round trip through a pass-through exactly-once Streams app on the same broker, in the same run.
 */
public final class QueueScale {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(60);
    /** Predictions sent and claimed before prediction-to-claim is timed. */
    private static final int WARM_UP = 10;

    private final QueueScaleSettings settings;
    private final Services services;
    private final Workforce workforce;
    private final Path dataDir;
    private final Topics topics;
    private final KafkaClients clients;
    private final String taskService;
    private final Worker demoWorker;
    private final Report report = new Report();

    private QueueScale(QueueScaleSettings settings, Services services, Workforce workforce, Path dataDir) {
        this.settings = settings;
        this.services = services;
        this.workforce = workforce;
        this.dataDir = dataDir;
        this.topics = services.infra().topics();
        this.clients = KafkaClients.forBootstrapServers(services.infra().infra().bootstrapServers());
        this.taskService = services.service("task-service").url();
        this.demoWorker = workforce.demoWorker(taskService);
    }

    public static void main(String[] args) throws Exception {
        QueueScaleSettings settings = QueueScaleSettings.fromSystemProperties();
        System.out.println("settings: " + settings);
        double loadBefore = loadAverage();
        Path dataDir = Files.createTempDirectory("queue-scale");
        Workforce workforce = new Workforce(Math.max(settings.pacedWorkers(),
                settings.workers().stream().max(Integer::compare).orElse(1)));
        workforce.writeUsersFile(StandaloneConfig.ephemeral(dataDir).usersFile());
        String table;
        try (Services services = Services.start(dataDir, settings::heapOf, settings::settingsOf, Workforce.LOAD_TEAM,
                Workforce.LOAD_GROUP, Workforce.LOAD_FLOW)) {
            table = new QueueScale(settings, services, workforce, dataDir).run();
        } finally {
            delete(dataDir);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "QUEUE SCALE RESULTS (%d processors, load average %.2f at the start, %.2f at "
                + "the end)%n", Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage());
        System.out.print(table);
        // the broker's and registry's non-daemon threads would keep the JVM alive
        System.exit(0);
    }

    private String run() throws Exception {
        try (ArrivalWatch completions = new ArrivalWatch(clients, List.of(topics.loopCompleted.name()));
             PredictionFeed feed = new PredictionFeed(services.infra().infra().bootstrapServers(), topics)) {
            if (settings.runs("baseline")) {
                measureSafely("baseline", this::baseline);
            }
            if (settings.runs("one-client")) {
                measureSafely("one client", () -> oneClient(feed, completions));
            }
            if (settings.runs("prediction-to-claim")) {
                measureSafely("prediction to claim", () -> report.add("prediction produced → first successful claim "
                        + "(one client " + waiting() + ", idle)", predictionToClaim(feed, "idle-").summary(),
                        "p50 480 ms, p99 505 ms"));
            }
            if (settings.runs("workers")) {
                for (int workers : settings.workers()) {
                    measureSafely(workers + " workers", () -> concurrentWorkers(feed, workers, List.of(taskService)));
                }
            }
            if (settings.runs("paced") && settings.pacedWorkers() > 0) {
                measureSafely(settings.pacedWorkers() + " paced workers", () -> pacedWorkers(feed));
            }
            if (settings.runs("steady")) {
                measureSafely("steady load", () -> steadyLoad(feed));
            }
            if (settings.runs("instances") && settings.taskInstances() > 1) {
                measureSafely(settings.taskInstances() + " instances", () -> moreInstances(feed));
            }
            if (settings.runs("open-sizes")) {
                for (int size : settings.openSizes()) {
                    measureSafely("open " + size, () -> atOpenSize(feed, size));
                    if (settings.restartSizes().contains(size)) {
                        measureSafely("restarts at " + size, this::restarts);
                    }
                }
            }
        }
        return report.table();
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A step that fails is reported and the run goes on, so that one failure does not cost every other figure. */
    private void measureSafely(String name, Step step) {
        System.out.println("== " + name);
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            report.add(name, "failed: " + e, "");
        }
    }

    private void baseline() throws Exception {
        Latencies roundTrips = new RequestReplyRoundTrip(clients, topics.deadLetters.name(),
                dataDir.resolve("baseline-state")).measure(settings.samples());
        report.add("**baseline**: Kafka request → pass-through exactly-once Streams app → reply read read_committed",
                roundTrips.summary(), "");
        Latencies me = new Latencies();
        for (int i = 0; i < settings.samples(); i++) {
            demoWorker.me(me);
        }
        report.add("**baseline**: `GET /api/worker/me`, HTTP Basic and nothing else (no Kafka)", me.summary(), "");
    }

    /** Claim and answer one at a time while the queue keeps a few open tasks; each answer's completion is watched. */
    private void oneClient(PredictionFeed feed, ArrivalWatch completions) throws Exception {
        int tasks = settings.samples() + settings.smallQueue();
        feed.sendAll("one-", Demo.FLOW, tasks);
        awaitOpen(demoWorker, Demo.WORKTEAM, tasks, Duration.ofMinutes(2));
        Latencies claims = new Latencies();
        Latencies answers = new Latencies();
        Map<String, Long> answeredAt = new TreeMap<>();
        for (int i = 0; i < settings.samples(); i++) {
            Worker.Claim claim = demoWorker.claimNext(claims);
            if (!claim.claimed()) {
                throw new IllegalStateException("claim-next answered " + claim.status() + " with tasks open");
            }
            if (demoWorker.answer(claim, answers) == 200) {
                answeredAt.put(claim.loopName(), System.nanoTime());
            }
        }
        report.add("claim-next, one client, small queue (" + settings.smallQueue() + " to " + tasks + " open)",
                claims.summary(), "p50 160 ms");
        report.add("answer, one client", answers.summary(), "p50 162 ms");
        Latencies toCompleted = new Latencies();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (toCompleted.count() < answeredAt.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            toCompleted = new Latencies();
            for (Map.Entry<String, Long> answered : answeredAt.entrySet()) {
                Long seen = completions.seenAt(topics.loopCompleted.name(), answered.getKey());
                if (seen != null) {
                    toCompleted.add(seen - answered.getValue());
                }
            }
        }
        report.add("answer (its 200) → `LoopCompleted` read read_committed", toCompleted.summary()
                + (toCompleted.count() < answeredAt.size() ? ", " + (answeredAt.size() - toCompleted.count())
                + " not seen within 30 s" : ""), "p50 6 ms, p99 19 ms");
        drain(demoWorker);
    }

    /**
     * From the call that produces a prediction until a claim returns its task, the one client asking claim-next
     * again at once as a worker waiting for work does, each call waiting up to {@code bench.claim-wait-seconds} for
     * a task (0: polling). The team's queue is empty before each prediction. Beside it, when the prediction's
     * records became visible on each topic on the way ({@link #hops()}), to show where the time goes. The first
     * {@link #WARM_UP} predictions are not timed.
     */
    private ToClaim predictionToClaim(PredictionFeed feed, String prefix) throws Exception {
        Latencies toClaim = new Latencies();
        Map<String, Latencies> hops = new LinkedHashMap<>();
        List<String> hopTopics = hops();
        hopTopics.forEach(topic -> hops.put(topic, new Latencies()));
        Map<String, Long> started = new TreeMap<>();
        try (ArrivalWatch arrivals = new ArrivalWatch(clients, hopTopics)) {
            // the first predictions of a run meet cold code in every service (seconds, not the steady state)
            for (int i = -WARM_UP; i < settings.samples(); i++) {
                boolean timed = i >= 0;
                String loopName = prefix + (timed ? "" : "w") + Math.abs(i);
                long start = System.nanoTime();
                feed.send(loopName, Demo.FLOW);
                if (timed) {
                    started.put(loopName, start);
                }
                long deadline = start + CLAIM_TIMEOUT.toNanos();
                while (System.nanoTime() < deadline) {
                    Worker.Claim claim;
                    try {
                        claim = demoWorker.claimNext(null, settings.claimWait());
                    } catch (IOException closedByTheServer) {
                        // a kept-alive connection the server closed as the call went out: the client polls on, as
                        // a worker's page would
                        continue;
                    }
                    if (claim.claimed()) {
                        long claimedAt = System.nanoTime();
                        demoWorker.answer(claim, null);
                        if (claim.loopName().equals(loopName)) {
                            if (timed) {
                                toClaim.add(claimedAt - start);
                            }
                            break;
                        }
                    }
                }
            }
            for (Map.Entry<String, Long> loop : started.entrySet()) {
                for (String topic : hopTopics) {
                    Long seen = arrivals.seenAt(topic, loop.getKey());
                    if (seen != null) {
                        hops.get(topic).add(seen - loop.getValue());
                    }
                }
            }
        }
        return new ToClaim(toClaim, hops);
    }

    /** The topics a prediction's loop passes through on its way to a claimable task, in order, keyed by its name. */
    private List<String> hops() {
        return List.of(topics.predictions.name(), topics.name(LoopRouterTopology.CANDIDATES_TOPIC),
                topics.loops.name(), topics.taskEvents.name());
    }

    /** Prediction to claim, and to each topic on the way. */
    private record ToClaim(Latencies claim, Map<String, Latencies> hops) {

        String summary() {
            StringBuilder text = new StringBuilder(claim.summary()).append("; visible on");
            hops.forEach((topic, latencies) -> text.append(' ').append(topic).append(" p50 ")
                    .append(Latencies.ms(latencies.percentile(50))).append(" p99 ")
                    .append(Latencies.ms(latencies.percentile(99))).append(','));
            return text.substring(0, text.length() - 1);
        }
    }

    /**
     * {@code workers} reviewers of one team claim and answer a queue filled beforehand until it is empty, each
     * through one of the task-service instances in turn.
     */
    private void concurrentWorkers(PredictionFeed feed, int workers, List<String> instances) throws Exception {
        int tasks = settings.concurrentTasks();
        // loop names are never reused: each run, with one instance or several, starts loops of its own
        feed.sendAll("w" + workers + "x" + instances.size() + "-", Demo.FLOW, tasks);
        awaitOpen(demoWorker, Demo.WORKTEAM, tasks, Duration.ofMinutes(5));
        Latencies claims = new Latencies();
        Latencies answers = new Latencies();
        AtomicInteger answered = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        Map<String, AtomicInteger> failures = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            Worker worker = workforce.reviewer(instances.get(w % instances.size()), w);
            pool.submit(() -> {
                int empty = 0;
                while (answered.get() < tasks && empty < 3) {
                    try {
                        Worker.Claim claim = worker.claimNext(claims);
                        if (claim.claimed()) {
                            int status = worker.answer(claim, answers);
                            if (status == 200) {
                                answered.incrementAndGet();
                                lastAnswer.set(System.nanoTime());
                            } else {
                                count(failures, "answer " + status);
                            }
                        } else if (claim.status() == 204) {
                            empty++;
                            Thread.sleep(200);
                        } else {
                            count(failures, "claim " + claim.status());
                            Thread.sleep(100);
                        }
                    } catch (IOException e) {
                        // the client gave up (30 s): a claim that is still applied later holds its task until the
                        // lease ends, as for a real worker whose call failed
                        count(failures, "no response");
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(tasks / 2 + 300, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        // with no task answered there is no last answer: the rate is zero over the whole run
        double seconds = ((answered.get() == 0 ? System.nanoTime() : lastAnswer.get()) - start) / 1e9;
        report.add(workers + " workers claiming and answering " + tasks + " queued tasks of one team"
                        + (instances.size() > 1 ? ", " + instances.size() + " instances of task-service" : "")
                        + (settings.teamShards() > 1 ? ", " + settings.teamShards() + " shards" : ""),
                String.format(Locale.ROOT, "%.1f tasks/s (%d answered in %.1f s); claim %s; answer %s%s",
                        answered.get() / seconds, answered.get(), seconds, claims.summary(), answers.summary(),
                        failures.isEmpty() ? "" : "; failed calls " + failures),
                workers == 8 ? "13 tasks/s; claim p50 300 ms, p99 475 ms"
                        : workers == 200 ? "goal: ≥ 150 tasks/s, claim and answer p99 ≤ 100 ms" : "");
        drain(demoWorker);
    }

    /**
     * The latency goal's own case: a team of reviewers who each spend a reviewer's time on a task between the claim
     * and the answer (200 workers at 10 s a task make 20 claims and 20 answers a second), on a queue that never
     * runs dry. Each worker starts at a random moment of its first task's time, so the calls are spread as real
     * workers' are rather than arriving in waves.
     */
    private void pacedWorkers(PredictionFeed feed) throws Exception {
        int workers = settings.pacedWorkers();
        long thinkMs = settings.thinkTime().toMillis();
        int tasks = (int) (workers * (settings.pacedDuration().toMillis() / Math.max(1, thinkMs) + 2));
        feed.sendAll("paced-", Demo.FLOW, tasks);
        awaitOpen(demoWorker, Demo.WORKTEAM, tasks, Duration.ofMinutes(5));
        Latencies claims = new Latencies();
        Latencies answers = new Latencies();
        AtomicInteger answered = new AtomicInteger();
        Map<String, AtomicInteger> failures = new TreeMap<>();
        long end = System.nanoTime() + settings.pacedDuration().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            Worker worker = workforce.reviewer(taskService, w);
            pool.submit(() -> {
                Thread.sleep(ThreadLocalRandom.current().nextLong(thinkMs + 1));
                while (System.nanoTime() < end) {
                    try {
                        Worker.Claim claim = worker.claimNext(claims);
                        if (!claim.claimed()) {
                            count(failures, "claim " + claim.status());
                            Thread.sleep(1000);
                            continue;
                        }
                        // between half and one and a half times the average, as reviewers differ
                        Thread.sleep(thinkMs / 2 + ThreadLocalRandom.current().nextLong(thinkMs + 1));
                        int status = worker.answer(claim, answers);
                        if (status == 200) {
                            answered.incrementAndGet();
                        } else {
                            count(failures, "answer " + status);
                        }
                    } catch (IOException e) {
                        count(failures, "no response");
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(settings.pacedDuration().toSeconds() + thinkMs * 2 / 1000 + 120, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        report.add(String.format(Locale.ROOT, "%d workers at a reviewer's pace (%.1f s a task on average) for %d s, "
                                + "queue never empty", workers, thinkMs / 1000.0, settings.pacedDuration().toSeconds()),
                String.format(Locale.ROOT, "%.1f tasks/s; claim %s; answer %s%s",
                        answered.get() / (double) settings.pacedDuration().toSeconds(), claims.summary(),
                        answers.summary(), failures.isEmpty() ? "" : "; failed calls " + failures),
                "goal: claim and answer p99 ≤ 100 ms");
        drain(demoWorker);
    }

    /**
     * More instances of task-service join the group and take over part of the queue partitions; then the concurrent
     * runs are repeated with the workers spread over the instances, against the one-instance runs above.
     */
    private void moreInstances(PredictionFeed feed) throws Exception {
        List<String> instances = new ArrayList<>(List.of(taskService));
        for (int n = 2; n <= settings.taskInstances(); n++) {
            instances.add(services.startTaskServiceInstance(n).url());
        }
        // Kafka Streams gives a new instance warm-up copies of the stores first and moves active tasks to it at
        // the next probing rebalance, once they have caught up
        Thread.sleep(settings.instanceSettle().toMillis());
        for (int workers : settings.workers()) {
            measureSafely(workers + " workers, " + instances.size() + " instances",
                    () -> concurrentWorkers(feed, workers, instances));
        }
    }

    private static void count(Map<String, AtomicInteger> failures, String failure) {
        synchronized (failures) {
            failures.computeIfAbsent(failure, f -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** How the worker timing prediction-to-claim asks for its task, for the report. */
    private String waiting() {
        return settings.claimWait().isZero() ? "polling" : "waiting up to " + settings.claimWait().toSeconds()
                + " s a call";
    }

    /**
     * Prediction to claim again while another team's flow receives a steady load of predictions, each a loop: the
     * router and the queue owner carry it, but the measured team's queue stays empty so that a claim returns the
     * task just produced and not an older one.
     */
    private void steadyLoad(PredictionFeed feed) throws Exception {
        AtomicLong sent = new AtomicLong();
        Worker loadWorker = workforce.loadTeamWorker(taskService);
        long openBefore = Math.max(0, loadWorker.openTasks(Workforce.LOAD_TEAM));
        long start = System.nanoTime();
        Thread load = feed.steady("load-", Workforce.LOAD_FLOW, settings.steadyRate(), sent);
        ToClaim toClaim;
        try {
            Thread.sleep(5_000);
            toClaim = predictionToClaim(feed, "steady-");
        } finally {
            load.interrupt();
            load.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long behind = Duration.ofSeconds(30).toNanos() + System.nanoTime();
        long open = 0;
        while (System.nanoTime() < behind) {
            open = loadWorker.openTasks(Workforce.LOAD_TEAM) - openBefore;
            if (open >= sent.get()) {
                break;
            }
            Thread.sleep(500);
        }
        double behindSeconds = (System.nanoTime() - (behind - Duration.ofSeconds(30).toNanos())) / 1e9;
        report.add(String.format(Locale.ROOT, "prediction produced → first successful claim (one client %s), under "
                        + "%,d predictions/s of another team", waiting(), settings.steadyRate()),
                String.format(Locale.ROOT, "%s; load sent %,.0f/s for %.0f s, %,d of %,d its open tasks %.1f s after"
                        + " it stopped", toClaim.summary(), sent.get() / seconds, seconds, open, sent.get(),
                        behindSeconds), "goal: p99 ≤ 250 ms");
    }

    /**
     * Fills the team's queue to {@code size} open tasks by producing predictions, times how fast the loops become
     * open tasks, then claim-next (and answer) at that size, and each service's heap with every loop in flight.
     */
    private void atOpenSize(PredictionFeed feed, int size) throws Exception {
        long open = demoWorker.openTasks(Demo.WORKTEAM);
        int missing = (int) Math.max(0, size - open);
        long start = System.nanoTime();
        feed.sendAll("fill" + size + "-", Demo.FLOW, missing);
        double producedIn = (System.nanoTime() - start) / 1e9;
        awaitOpen(demoWorker, Demo.WORKTEAM, size, Duration.ofSeconds(missing / 500 + 300));
        double openIn = (System.nanoTime() - start) / 1e9;
        report.add(String.format(Locale.ROOT, "loops turned into open tasks, %,d → %,d open", open, size),
                String.format(Locale.ROOT, "%,.0f/s (%,d predictions produced in %.1f s, all open tasks after %.1f s)",
                        missing / openIn, missing, producedIn, openIn),
                "9,300/s up to 100 k, 5,800/s up to 1 M");
        Latencies claims = new Latencies();
        Latencies answers = new Latencies();
        for (int i = 0; i < settings.sizeSamples(); i++) {
            Worker.Claim claim = demoWorker.claimNext(claims);
            if (claim.claimed()) {
                demoWorker.answer(claim, answers);
            }
        }
        report.add(String.format(Locale.ROOT, "claim-next with %,d open tasks (one client)", size), claims.summary()
                + "; answer " + answers.summary(), size == 100_000 ? "p50 170 ms"
                : size == 1_000_000 ? "p50 739 ms, max 1.1 s" : "");
        heaps();
    }

    private void heaps() throws Exception {
        long inFlight = demoWorker.openTasks(Demo.WORKTEAM)
                + workforce.loadTeamWorker(taskService).openTasks(Workforce.LOAD_TEAM);
        List<String> heaps = new ArrayList<>();
        for (String module : services.modules()) {
            HeapCensus.Heap heap = HeapCensus.of(services.service(module).pid());
            heaps.add(String.format(Locale.ROOT, "%s %,.0f MB (%,d `LoopStatusEvent`)", module,
                    heap.liveBytes() / 1e6, heap.statusEvents()));
        }
        report.add(String.format(Locale.ROOT, "heap after a full GC, %,d loops in flight (open tasks of both teams)",
                inFlight), String.join("; ", heaps), "1 M loops, one JVM: 1.87 GB; 2 M `LoopStatusEvent`");
    }

    /** Each service killed like SIGKILL and started again, with every loop of the run still in flight. */
    private void restarts() throws Exception {
        long inFlight = demoWorker.openTasks(Demo.WORKTEAM)
                + workforce.loadTeamWorker(taskService).openTasks(Workforce.LOAD_TEAM);
        List<String> times = new ArrayList<>();
        for (String module : services.modules()) {
            ServiceProcess service = services.service(module);
            service.kill();
            long start = System.nanoTime();
            service.start();
            String time;
            try {
                service.awaitHealthy();
                time = String.format(Locale.ROOT, "%s healthy after %.1f s", module, (System.nanoTime() - start) / 1e9);
                if (module.equals("task-service")) {
                    awaitClaim();
                    time += String.format(Locale.ROOT, ", first claim after %.1f s", (System.nanoTime() - start) / 1e9);
                }
            } catch (AssertionError | IllegalStateException e) {
                time = module + ": " + e.getMessage();
            }
            System.out.println(time);
            times.add(time);
        }
        report.add(String.format(Locale.ROOT, "SIGKILL + restart of each service until it serves, %,d loops in "
                + "flight", inFlight), String.join("; ", times), "whole standalone, killed -9: about 90 s");
    }

    private void awaitClaim() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Worker.Claim claim = demoWorker.claimNext(null);
            if (claim.claimed()) {
                demoWorker.answer(claim, null);
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no claim within 10 minutes of the restart");
    }

    /** Claims and answers what is left open, so that the next measure starts from an empty queue. */
    private void drain(Worker worker) throws Exception {
        int empty = 0;
        while (empty < 3) {
            Worker.Claim claim = worker.claimNext(null);
            if (claim.claimed()) {
                empty = 0;
                worker.answer(claim, null);
            } else {
                empty++;
                Thread.sleep(500);
            }
        }
    }

    private static void awaitOpen(Worker worker, String team, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long open = 0;
        while (System.nanoTime() < deadline) {
            open = worker.openTasks(team);
            if (open >= atLeast) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(team + " has " + open + " open tasks, not " + atLeast + ", after " + timeout);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
