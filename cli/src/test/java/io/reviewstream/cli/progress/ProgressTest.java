package io.reviewstream.cli.progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void aTerminalGetsABarRedrawnInPlaceThatEndsFullOnALineOfItsOwn() {
        StringWriter out = new StringWriter();
        Progress progress = new Progress("loops", 4, new PrintWriter(out), true);
        progress.succeeded();
        progress.failed();
        progress.succeeded();
        progress.succeeded();
        progress.close();

        assertThat(out.toString()).startsWith("\r[").doesNotContain("\n\r")
                .endsWith("\r[" + "#".repeat(30) + "] 4/4 loops, 1 failed" + System.lineSeparator());
        assertThat(progress.succeededCount()).isEqualTo(3);
        assertThat(progress.failedCount()).isEqualTo(1);
    }

    @Test
    void aPipeGetsNoRedrawsOnlyPlainLinesOfCounts() throws InterruptedException {
        StringWriter out = new StringWriter();
        Progress progress = new Progress("predictions", 3, new PrintWriter(out), false);
        progress.succeeded();
        Thread.sleep(2_100);
        progress.succeeded();
        progress.succeeded();
        progress.close();

        assertThat(out.toString()).isEqualTo("2/3 predictions" + System.lineSeparator());
    }
}
