package io.reviewstream.taskservice.domain;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * One shard of a work team's queue. A big team's queue is spread over several shards, each its own Kafka record key
 * and so its own single writer, which may live on another partition, stream thread or instance. A loop belongs to
 * one shard for its whole life, chosen by a stable hash of its name, so that its tasks are only ever in one queue.
 *
 * <p>The key is the team name for shard 0 (so an unsharded team keeps the keys, task ids and state it always had)
 * and {@code team~shard} otherwise; team names never contain {@code ~}.
 */
public record TeamShard(String team, int shard) {

    static final char SEPARATOR = '~';
    /** Shards a team may have at most: every claim of a single-team worker may look at all of them. */
    public static final int MAX_SHARDS = 64;

    public TeamShard {
        if (shard < 0 || shard >= MAX_SHARDS) {
            throw new IllegalArgumentException("Shard " + shard + " of team " + team);
        }
    }

    /** The shard of a team with {@code shards} shards that the loop belongs to. */
    public static TeamShard ofLoop(String team, String humanLoopName, int shards) {
        return new TeamShard(team,
                Utils.toPositive(Utils.murmur2(humanLoopName.getBytes(StandardCharsets.UTF_8))) % shards);
    }

    /** The shard a {@link #key()} names. */
    public static TeamShard parse(String key) {
        int separator = key.indexOf(SEPARATOR);
        return separator < 0 ? new TeamShard(key, 0)
                : new TeamShard(key.substring(0, separator), Integer.parseInt(key.substring(separator + 1)));
    }

    /** The Kafka record key of this shard's commands and snapshot, and the prefix of its task ids. */
    public String key() {
        return shard == 0 ? team : team + SEPARATOR + shard;
    }
}
