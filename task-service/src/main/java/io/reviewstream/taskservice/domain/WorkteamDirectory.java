package io.reviewstream.taskservice.domain;

import io.reviewstream.schemas.avro.MemberDefinition;
import io.reviewstream.schemas.avro.Workteam;
import io.reviewstream.schemas.view.CompactedTopicView;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which work teams a worker belongs to: a team's members are named by OIDC groups, and a Cognito member definition
 * counts as the group named by its user group.
 */
public final class WorkteamDirectory {

    private final CompactedTopicView<Workteam> workteams;

    public WorkteamDirectory(CompactedTopicView<Workteam> workteams) {
        this.workteams = workteams;
    }

    /**
     * @throws NotReadyException until the view has read the work teams there were at start-up: a worker is in no
     *         team before that, and refusing their own tasks as another team's would be wrong, not just early
     */
    public List<String> teamsOf(Collection<String> groups) {
        if (!workteams.caughtUp()) {
            throw new NotReadyException("task-service is still reading the work teams; try again");
        }
        Set<String> workerGroups = new HashSet<>(groups);
        return workteams.values().stream()
                .filter(team -> groupsOf(team).stream().anyMatch(workerGroups::contains))
                .map(Workteam::getName)
                .sorted()
                .toList();
    }

    static Set<String> groupsOf(Workteam team) {
        Set<String> groups = new HashSet<>();
        for (MemberDefinition member : team.getMemberDefinitions()) {
            if (member.getOidc() != null) {
                groups.addAll(member.getOidc().getGroups());
            }
            if (member.getCognito() != null) {
                groups.add(member.getCognito().getUserGroup());
            }
        }
        return groups;
    }
}
