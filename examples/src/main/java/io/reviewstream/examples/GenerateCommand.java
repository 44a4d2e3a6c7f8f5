package io.reviewstream.examples;

import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.Kits;
import io.reviewstream.examples.kit.ObjectLocation;
import io.reviewstream.examples.storage.ObjectUploader;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The kits' one command line: generates a kit's predictions as JSON Lines for the predictions topic, and uploads
 * the images, recordings or documents they point to into the standalone mode's object store.
 *
 * <pre>java -jar examples/target/reviewstream-examples.jar &lt;kit&gt; --count N --out FILE [options]</pre>
 */
public final class GenerateCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> OPTIONS = Set.of("--count", "--out", "--seed", "--bucket", "--prefix",
            "--s3-endpoint", "--s3-region", "--s3-access-key", "--s3-secret-key");

    private final PrintStream out;
    private final PrintStream err;

    GenerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new GenerateCommand(System.out, System.err).run(args));
    }

    /** Runs the command and returns its exit code: 0 done, 1 failed, 2 wrong usage. */
    public int run(String... args) {
        Map<String, String> options = new HashMap<>();
        String kitName = null;
        boolean upload = true;
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(usage());
                return OK;
            } else if (arg.equals("--no-upload")) {
                upload = false;
            } else if (OPTIONS.contains(arg)) {
                if (rest.isEmpty()) {
                    return usageError(arg + " needs a value");
                }
                options.put(arg, rest.pop());
            } else if (arg.startsWith("-")) {
                return usageError("unknown option " + arg);
            } else if (kitName == null) {
                kitName = arg;
            } else {
                return usageError("one kit at a time, not also " + arg);
            }
        }
        if (kitName == null) {
            return usageError("name a kit");
        }
        Kit kit = Kits.named(kitName).orElse(null);
        if (kit == null) {
            return usageError("no kit named " + kitName);
        }
        int count;
        long seed;
        try {
            count = Integer.parseInt(options.getOrDefault("--count", "20"));
            seed = options.containsKey("--seed") ? Long.parseLong(options.get("--seed"))
                    : ThreadLocalRandom.current().nextLong(1, 1_000_000);
        } catch (NumberFormatException e) {
            return usageError("--count and --seed take whole numbers");
        }
        if (count < 1 || count > 100_000) {
            return usageError("--count must be from 1 to 100000");
        }
        Path file = Path.of(options.getOrDefault("--out", "predictions.jsonl"));
        ObjectLocation objects = new ObjectLocation(options.getOrDefault("--bucket", "reviewstream-output"),
                options.getOrDefault("--prefix", "examples/" + kit.name() + "/" + seed + "/"));

        Batch batch = kit.generate(new KitRandom(seed), count, objects);
        try {
            if (upload && !batch.objects().isEmpty()) {
                new ObjectUploader(options.getOrDefault("--s3-endpoint", "http://localhost:9000"),
                        options.getOrDefault("--s3-region", "us-east-1"),
                        options.getOrDefault("--s3-access-key", "reviewstream"),
                        options.getOrDefault("--s3-secret-key", "reviewstream-secret")).upload(batch.objects());
                out.printf("uploaded %d objects to s3://%s/%s%n", batch.objects().size(), objects.bucket(),
                        objects.prefix());
            }
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (GeneratedPrediction prediction : batch.predictions()) {
                    writer.write(JSON.writeValueAsString(prediction.record(kit.flowDefinitionName())));
                    writer.newLine();
                }
            }
        } catch (Exception e) {
            err.println("reviewstream-examples: " + e);
            return FAILED;
        }
        long review = batch.predictions().stream().filter(GeneratedPrediction::reviewExpected).count();
        out.printf("wrote %d predictions for flow %s to %s (seed %d); %d of them should go to a person%n",
                count, kit.flowDefinitionName(), file, seed, review);
        return OK;
    }

    private int usageError(String message) {
        err.println("reviewstream-examples: " + message);
        err.print(usage());
        return USAGE;
    }

    private static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar examples/target/reviewstream-examples.jar <kit> [options]

                Generates realistic predictions for a kit's flow definition as JSON Lines, one record per line for
                the predictions topic, and uploads the images, audio or documents they point to.

                Options:
                  --count N             predictions to generate (default 20)
                  --out FILE            where to write them (default predictions.jsonl)
                  --seed N              the same seed gives the same predictions (default: a random one, printed)
                  --bucket NAME         bucket for generated objects (default reviewstream-output)
                  --prefix PREFIX       key prefix for generated objects (default examples/<kit>/<seed>/)
                  --s3-endpoint URL     object store (default http://localhost:9000, the standalone mode's)
                  --s3-region REGION    signing region (default us-east-1)
                  --s3-access-key KEY   default reviewstream
                  --s3-secret-key KEY   default reviewstream-secret
                  --no-upload           write the predictions only

                Kits:
                """);
        Kits.all().forEach(kit -> text.append("  ").append(kit.name()).append('\n'));
        return text.toString();
    }
}
