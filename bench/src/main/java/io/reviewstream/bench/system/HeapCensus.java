package io.reviewstream.bench.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a JVM keeps alive: {@code jcmd <pid> GC.class_histogram} runs a full GC and counts the live objects, so its
 * total is the heap after a full GC, and its rows tell how many status events the process holds.
 */
public final class HeapCensus {

    private static final String STATUS_EVENT = "io.reviewstream.schemas.avro.LoopStatusEvent";

    public record Heap(long liveBytes, long statusEvents) {
    }

    private HeapCensus() {
    }

    public static Heap of(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String histogram = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd failed: " + histogram);
        }
        long total = -1;
        long events = 0;
        for (String line : histogram.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 3 && columns[0].equals("Total")) {
                total = Long.parseLong(columns[2]);
            } else if (columns.length >= 4 && columns[3].equals(STATUS_EVENT)) {
                events = Long.parseLong(columns[1]);
            }
        }
        if (total < 0) {
            throw new IOException("No total in the class histogram of " + pid);
        }
        return new Heap(total, events);
    }
}
