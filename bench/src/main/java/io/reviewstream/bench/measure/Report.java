package io.reviewstream.bench.measure;

import java.util.ArrayList;
import java.util.List;

/** The run's figures, one row per measure, next to what the issue measured before; printed as one Markdown table. */
public final class Report {

    private record Row(String what, String measured, String before) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** Also printed at once, so that a run cut short still shows what it measured. */
    public void add(String what, String measured, String before) {
        rows.add(new Row(what, measured, before));
        System.out.println("RESULT | " + what + " | " + measured);
    }

    public String table() {
        StringBuilder table = new StringBuilder("| what | measured | issue 14 (before) |\n| --- | --- | --- |\n");
        for (Row row : rows) {
            table.append("| ").append(row.what()).append(" | ").append(row.measured()).append(" | ")
                    .append(row.before()).append(" |\n");
        }
        return table.toString();
    }
}
