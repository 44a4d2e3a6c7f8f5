package io.reviewstream.taskservice.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskIdsTest {

    @Test
    void anIdTheQueueOwnerMakesParsesBack() {
        String id = TaskIds.of(new TeamShard("Team-7", 0), "loop-1--b", 2);
        assertThat(id).isEqualTo("Team-7.loop-1--b.2");
        assertThat(TaskIds.parse(id)).isEqualTo(new TaskIds("Team-7", 0, "loop-1--b", 2));
        String sharded = TaskIds.of(new TeamShard("Team-7", 12), "loop-1--b", 2);
        assertThat(sharded).isEqualTo("Team-7~12.loop-1--b.2");
        assertThat(TaskIds.parse(sharded).queue()).isEqualTo(new TeamShard("Team-7", 12));
        String longest = TaskIds.of(new TeamShard("T".repeat(63), TeamShard.MAX_SHARDS - 1), "l".repeat(63),
                999_999_999);
        assertThat(longest).hasSize(TaskIds.MAX_LENGTH);
        assertThat(TaskIds.parse(longest).index()).isEqualTo(999_999_999);
    }

    @Test
    void aLoopStaysInOneShardWhateverAsks() {
        for (int shards = 1; shards <= 8; shards++) {
            TeamShard shard = TeamShard.ofLoop("crowd", "loop-42", shards);
            assertThat(shard.shard()).isBetween(0, shards - 1);
            assertThat(TeamShard.ofLoop("crowd", "loop-42", shards)).isEqualTo(shard);
            assertThat(TeamShard.parse(shard.key())).isEqualTo(shard);
        }
        assertThat(TeamShard.parse("crowd")).isEqualTo(new TeamShard("crowd", 0));
    }

    @Test
    void anythingNoQueueOwnerCouldHaveMadeIsRefused() {
        for (String id : new String[]{"", "team", "team.loop", "team..0", ".loop.0", "team.loop.", "a.b.c.0",
                "team.Loop.0", "team.-loop.0", "team.loop-.0", "-team.loop.0", "team.loop.-1", "team.loop.+1",
                "team.loop.01", "team.loop.1e3", "team.loop.0x1", "team_a.loop.0", "team.lo op.0", "team.loop.0\u0000",
                "../../etc/passwd", "team.../etc/passwd.0", "team.loop.1234567890", "t".repeat(64) + ".loop.0",
                "team." + "l".repeat(64) + ".0", "team~0.loop.0", "team~01.loop.0", "team~64.loop.0", "team~.loop.0",
                "team~-1.loop.0", "~1.loop.0", "team~1~2.loop.0", "team.loop~1.0"}) {
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
