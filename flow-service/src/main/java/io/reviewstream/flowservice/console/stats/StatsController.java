package io.reviewstream.flowservice.console.stats;

import io.reviewstream.schemas.avro.TaskEventType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;

/** The console's live numbers, polled by its pages. */
@RestController
public class StatsController {

    private final DecisionStats decisions;
    private final WorkforceStats workforce;
    private final TeamActivity teams;
    private final QueueHealth queueHealth;
    private final Clock clock;

    public StatsController(DecisionStats decisions, WorkforceStats workforce, TeamActivity teams,
                           QueueHealth queueHealth, Clock clock) {
        this.decisions = decisions;
        this.workforce = workforce;
        this.teams = teams;
        this.queueHealth = queueHealth;
        this.clock = clock;
    }

    @GetMapping(path = "/console/api/stats/decisions", produces = "application/json")
    public ObjectNode decisions() {
        return decisions.snapshot(clock.millis());
    }

    /** Per worker: answered, time to answer, agreement; per team: answers per minute over the window. */
    @GetMapping(path = "/console/api/stats/workforce", produces = "application/json")
    public ObjectNode workforce() {
        long now = clock.millis();
        ObjectNode node = workforce.snapshot(now);
        ArrayNode starts = node.putArray("minuteStarts");
        teams.minuteStarts(now).forEach(start -> starts.add(start / 1000));
        ArrayNode list = node.putArray("teams");
        for (String team : teams.teams(now)) {
            ArrayNode answered = list.addObject().put("team", team).putArray("answersPerMinute");
            for (double count : teams.perMinute(team, TaskEventType.ANSWERED, now)) {
                answered.add((long) count);
            }
        }
        return node;
    }

    @GetMapping(path = "/console/api/teams/health", produces = "application/json")
    public ObjectNode queueHealth() {
        return queueHealth.snapshot();
    }
}
