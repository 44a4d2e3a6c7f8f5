package io.reviewstream.taskservice.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskIdsTest {

    @Test
    void anIdTheQueueOwnerMakesParsesBack() {
        String id = TaskIds.of("Team-7", "loop-1--b", 2);
        assertThat(TaskIds.parse(id)).isEqualTo(new TaskIds("Team-7", "loop-1--b", 2));
        String longest = TaskIds.of("T".repeat(63), "l".repeat(63), 999_999_999);
        assertThat(longest).hasSize(TaskIds.MAX_LENGTH);
        assertThat(TaskIds.parse(longest).index()).isEqualTo(999_999_999);
    }

    @Test
    void anythingNoQueueOwnerCouldHaveMadeIsRefused() {
        for (String id : new String[]{"", "team", "team.loop", "team..0", ".loop.0", "team.loop.", "a.b.c.0",
                "team.Loop.0", "team.-loop.0", "team.loop-.0", "-team.loop.0", "team.loop.-1", "team.loop.+1",
                "team.loop.01", "team.loop.1e3", "team.loop.0x1", "team_a.loop.0", "team.lo op.0", "team.loop.0\u0000",
                "../../etc/passwd", "team.../etc/passwd.0", "team.loop.1234567890", "t".repeat(64) + ".loop.0",
                "team." + "l".repeat(64) + ".0"}) {
            assertThatThrownBy(() -> TaskIds.parse(id)).as(id).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> TaskIds.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHugeIdIsRefusedByItsLengthAndNotEchoed() {
        String huge = "team." + "a-".repeat(100_000) + "a.0";
        assertThatThrownBy(() -> TaskIds.parse(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a task id");
    }
}
