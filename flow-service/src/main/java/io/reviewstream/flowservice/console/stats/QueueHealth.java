package io.reviewstream.flowservice.console.stats;

import io.reviewstream.schemas.avro.TaskEventType;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.view.CompactedTopicView;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each work team's queue as task-service last reported it (open tasks, the oldest one's age, over all the team's
 * shards) with what its tasks went through in the last hour: claims, answers, releases and lost leases.
 */
public final class QueueHealth {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int HOUR_MINUTES = 60;

    private final CompactedTopicView<TeamQueue> queues;
    private final CompactedTopicView<Workteam> workteams;
    private final TeamActivity activity;
    private final Clock clock;

    public QueueHealth(CompactedTopicView<TeamQueue> queues, CompactedTopicView<Workteam> workteams,
                       TeamActivity activity, Clock clock) {
        this.queues = queues;
        this.workteams = workteams;
        this.activity = activity;
        this.clock = clock;
    }

    public ObjectNode snapshot() {
        long now = clock.millis();
        Map<String, Long> open = new HashMap<>();
        Map<String, Instant> oldest = new HashMap<>();
        for (TeamQueue shard : queues.values()) {
            open.merge(shard.getTeam(), (long) shard.getOpen(), Long::sum);
            if (shard.getOldestOpenCreatedAt() != null) {
                oldest.merge(shard.getTeam(), shard.getOldestOpenCreatedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        TreeSet<String> teams = new TreeSet<>(open.keySet());
        workteams.values().forEach(team -> teams.add(team.getName()));
        teams.addAll(activity.teams(now));
        ObjectNode node = JSON.createObjectNode().put("at", Instant.ofEpochMilli(now).toString());
        ArrayNode list = node.putArray("teams");
        for (String team : teams) {
            ObjectNode entry = list.addObject().put("team", team).put("openTasks", open.getOrDefault(team, 0L));
            Instant first = oldest.get(team);
            if (first == null) {
                entry.putNull("oldestTaskAgeSeconds");
            } else {
                entry.put("oldestTaskAgeSeconds", Math.max(0, (now - first.toEpochMilli()) / 1000));
            }
            entry.put("claimsLastHour", activity.lastMinutes(team, TaskEventType.CLAIMED, HOUR_MINUTES, now))
                    .put("answersLastHour", activity.lastMinutes(team, TaskEventType.ANSWERED, HOUR_MINUTES, now))
                    .put("releasesLastHour", activity.lastMinutes(team, TaskEventType.RELEASED, HOUR_MINUTES, now))
                    .put("leaseExpiriesLastHour",
                            activity.lastMinutes(team, TaskEventType.LEASE_EXPIRED, HOUR_MINUTES, now));
        }
        return node;
    }
}
