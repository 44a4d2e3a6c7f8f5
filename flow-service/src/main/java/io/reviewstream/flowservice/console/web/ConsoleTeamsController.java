package io.reviewstream.flowservice.console.web;

import io.reviewstream.flowservice.domain.FlowDefinitions;
import io.reviewstream.flowservice.domain.Workteams;
import io.reviewstream.schemas.avro.MemberDefinition;
import io.reviewstream.schemas.avro.Workteam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Comparator;

/** Work teams in the console: who makes each up (Cognito user groups or OIDC groups) and which flows use it. */
@RestController
@RequestMapping("/console/api/teams")
public class ConsoleTeamsController {

    private final Workteams teams;
    private final FlowDefinitions flows;

    public ConsoleTeamsController(Workteams teams, FlowDefinitions flows) {
        this.teams = teams;
        this.flows = flows;
    }

    @GetMapping
    public ObjectNode list() {
        ObjectNode out = ConsoleErrors.JSON.createObjectNode();
        ArrayNode items = out.putArray("teams");
        teams.list().stream().sorted(Comparator.comparing(Workteam::getName)).forEach(team -> {
            ObjectNode item = items.addObject()
                    .put("name", team.getName())
                    .put("arn", team.getArn())
                    .put("description", team.getDescription())
                    .put("portal", team.getSubDomain())
                    .put("updated", team.getLastUpdatedDate().toString());
            ArrayNode members = item.putArray("members");
            for (MemberDefinition member : team.getMemberDefinitions()) {
                if (member.getOidc() != null) {
                    member.getOidc().getGroups().forEach(group -> members.addObject().put("kind", "OIDC group")
                            .put("name", group));
                }
                if (member.getCognito() != null) {
                    members.addObject().put("kind", "Cognito user group")
                            .put("name", member.getCognito().getUserGroup())
                            .put("userPool", member.getCognito().getUserPool());
                }
            }
            flows.usingWorkteam(team.getName()).forEach(flow -> item.withArray("flows").add(flow.getName()));
        });
        return out;
    }
}
