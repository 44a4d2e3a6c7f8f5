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

    public List<String> teamsOf(Collection<String> groups) {
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
