package io.reviewstream.flowservice.console.stats;

import io.reviewstream.schemas.avro.TaskEvent;
import io.reviewstream.schemas.avro.TaskEventType;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What each work team's tasks went through, per minute: claims, answers, releases and lost leases. */
public final class TeamActivity {

    private static final char SEP = '\u001f';
    private static final int EVENT_TYPES = 4;

    private final WindowedCounters counters;

    public TeamActivity(StatsProperties properties) {
        this.counters = new WindowedCounters(60_000, properties.minuteBuckets(), properties.maxTeams() * EVENT_TYPES);
    }

    public void add(TaskEvent event, long nowMillis) {
        if (event.getType() != TaskEventType.UNKNOWN) {
            counters.add(event.getTeam() + SEP + event.getType().name(), event.getAt().toEpochMilli(), 1, nowMillis);
        }
    }

    /** The team's count of one kind of event over the last {@code minutes} minutes. */
    public long lastMinutes(String team, TaskEventType type, int minutes, long nowMillis) {
        double[] series = counters.series(team + SEP + type.name(), nowMillis);
        double sum = 0;
        for (int i = Math.max(0, series.length - minutes); i < series.length; i++) {
            sum += series[i];
        }
        return (long) sum;
    }

    /** The team's count of one kind of event per minute over the window, oldest first. */
    public double[] perMinute(String team, TaskEventType type, long nowMillis) {
        return counters.series(team + SEP + type.name(), nowMillis);
    }

    public List<Long> minuteStarts(long nowMillis) {
        return counters.bucketStarts(nowMillis);
    }

    public Set<String> teams(long nowMillis) {
        counters.prune(nowMillis);
        Set<String> teams = new TreeSet<>();
        counters.keys("").forEach(key -> teams.add(key.substring(0, key.indexOf(SEP))));
        return teams;
    }
}
