package io.reviewstream.flowservice.api;

import io.reviewstream.flowservice.domain.Workteams;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.CognitoMemberDefinition;
import io.reviewstream.schemas.avro.MemberDefinition;
import io.reviewstream.schemas.avro.OidcMemberDefinition;
import io.reviewstream.schemas.avro.WorkerAccessConfiguration;
import io.reviewstream.schemas.avro.Workteam;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CreateWorkteam, DescribeWorkteam, ListWorkteams, UpdateWorkteam and DeleteWorkteam on the wire. */
final class WorkteamOperations {

    private static final Set<String> ENABLED_OR_DISABLED = Set.of("Enabled", "Disabled");
    private static final Set<String> SORT_BY = Set.of("Name", "CreateDate");

    private final Workteams teams;
    private final Arns arns;
    private final String workerPortalUrl;

    WorkteamOperations(Workteams teams, Arns arns, String workerPortalUrl) {
        this.teams = teams;
        this.arns = arns;
        this.workerPortalUrl = workerPortalUrl;
    }

    ObjectNode create(Input input) {
        String name = input.string("WorkteamName", true, 1, 63, Patterns.WORKTEAM_NAME);
        String workforce = input.string("WorkforceName", false, 1, 63, Patterns.WORKFORCE_NAME);
        List<MemberDefinition> members = members(input, true);
        String description = input.string("Description", true, 1, 200, Patterns.NON_EMPTY);
        String topic = notificationTopic(input);
        WorkerAccessConfiguration access = access(input);
        var tags = Shapes.tags(input);
        input.check();
        Workteam team = teams.create(Workteam.newBuilder()
                .setName(name)
                .setWorkforceArn(arns.workforce(workforce == null ? "default" : workforce))
                .setMemberDefinitions(members)
                .setDescription(description)
                .setNotificationTopicArn(topic)
                .setWorkerAccessConfiguration(access)
                .setTags(tags));
        return Shapes.object().put("WorkteamArn", team.getArn());
    }

    ObjectNode describe(Input input) {
        String name = input.string("WorkteamName", true, 1, 63, Patterns.WORKTEAM_NAME);
        input.check();
        ObjectNode out = Shapes.object();
        out.set("Workteam", workteam(teams.describe(name)));
        return out;
    }

    ObjectNode list(Input input) {
        String sortBy = input.oneOf("SortBy", false, SORT_BY);
        String contains = input.string("NameContains", false, 1, 63, Patterns.WORKTEAM_NAME);
        Shapes.Paging paging = Shapes.Paging.of(input, false);
        input.check();
        boolean byName = "Name".equals(sortBy);
        return Page.of(teams.list().stream().filter(team -> contains == null || team.getName().contains(contains))
                                .toList(),
                        team -> new Page.Position(byName ? 0 : team.getCreateDate().toEpochMilli(), team.getName()),
                        paging, "workteams " + sortBy + " " + contains)
                .render("Workteams", this::workteam);
    }

    ObjectNode update(Input input) {
        String name = input.string("WorkteamName", true, 1, 63, Patterns.WORKTEAM_NAME);
        List<MemberDefinition> members = members(input, false);
        String description = input.string("Description", false, 1, 200, Patterns.NON_EMPTY);
        boolean hasTopic = input.has("NotificationConfiguration");
        String topic = notificationTopic(input);
        boolean hasAccess = input.has("WorkerAccessConfiguration");
        WorkerAccessConfiguration access = access(input);
        input.check();
        Workteam updated = teams.update(name, team -> {
            if (members != null) {
                team.setMemberDefinitions(members);
            }
            if (description != null) {
                team.setDescription(description);
            }
            if (hasTopic) {
                team.setNotificationTopicArn(topic);
            }
            if (hasAccess) {
                team.setWorkerAccessConfiguration(access);
            }
        });
        ObjectNode out = Shapes.object();
        out.set("Workteam", workteam(updated));
        return out;
    }

    ObjectNode delete(Input input) {
        String name = input.string("WorkteamName", true, 1, 63, Patterns.WORKTEAM_NAME);
        input.check();
        teams.delete(name);
        return Shapes.object().put("Success", true);
    }

    /**
     * A team is Cognito groups or OIDC groups, never both; Cognito groups share one user pool and client
     * (a2i-compat.md §2.5). Either kind names the groups whose members may work on the team's tasks.
     */
    private static List<MemberDefinition> members(Input input, boolean required) {
        List<Input> given = input.objects("MemberDefinitions", required, 1, 10);
        if (given == null) {
            return null;
        }
        List<MemberDefinition> members = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        Set<String> pools = new HashSet<>();
        for (Input member : given) {
            Input cognito = member.object("CognitoMemberDefinition", false);
            Input oidc = member.object("OidcMemberDefinition", false);
            if ((cognito == null) == (oidc == null)) {
                input.violation("MemberDefinitions", "Each member definition must have exactly one of "
                        + "CognitoMemberDefinition and OidcMemberDefinition");
                continue;
            }
            if (cognito != null) {
                kinds.add("cognito");
                String pool = cognito.string("UserPool", true, 1, 55, Patterns.USER_POOL);
                String group = cognito.string("UserGroup", true, 1, 128, Patterns.GROUP);
                String client = cognito.string("ClientId", true, 1, 1024, Patterns.CLIENT_ID);
                pools.add(pool + "|" + client);
                if (pool != null && group != null && client != null) {
                    members.add(MemberDefinition.newBuilder()
                            .setCognito(new CognitoMemberDefinition(pool, group, client)).build());
                }
            } else {
                kinds.add("oidc");
                List<String> groups = oidc.strings("Groups", false, 1, 10, 1, 63, Patterns.GROUP);
                members.add(MemberDefinition.newBuilder()
                        .setOidc(new OidcMemberDefinition(groups == null ? List.of() : groups)).build());
            }
        }
        if (kinds.size() > 1) {
            input.violation("MemberDefinitions", "A work team has Cognito or OIDC member definitions, not both");
        }
        if (pools.size() > 1) {
            input.violation("MemberDefinitions", "All Cognito member definitions must use the same UserPool and "
                    + "ClientId");
        }
        return members;
    }

    private static String notificationTopic(Input input) {
        Input notification = input.object("NotificationConfiguration", false);
        return notification == null ? null
                : notification.string("NotificationTopicArn", false, 0, Integer.MAX_VALUE, Patterns.SNS_TOPIC_ARN);
    }

    private static WorkerAccessConfiguration access(Input input) {
        Input access = input.object("WorkerAccessConfiguration", false);
        Input presign = access == null ? null : access.object("S3Presign", false);
        Input constraints = presign == null ? null : presign.object("IamPolicyConstraints", false);
        if (constraints == null) {
            return access == null ? null : new WorkerAccessConfiguration(null, null);
        }
        return new WorkerAccessConfiguration(constraints.oneOf("SourceIp", false, ENABLED_OR_DISABLED),
                constraints.oneOf("VpcSourceIp", false, ENABLED_OR_DISABLED));
    }

    private ObjectNode workteam(Workteam team) {
        ObjectNode out = Shapes.object().put("WorkteamName", team.getName());
        var members = out.putArray("MemberDefinitions");
        for (MemberDefinition member : team.getMemberDefinitions()) {
            ObjectNode entry = members.addObject();
            if (member.getCognito() != null) {
                entry.putObject("CognitoMemberDefinition")
                        .put("UserPool", member.getCognito().getUserPool())
                        .put("UserGroup", member.getCognito().getUserGroup())
                        .put("ClientId", member.getCognito().getClientId());
            }
            if (member.getOidc() != null) {
                var groups = entry.putObject("OidcMemberDefinition").putArray("Groups");
                member.getOidc().getGroups().forEach(groups::add);
            }
        }
        out.put("WorkteamArn", team.getArn());
        if (team.getWorkforceArn() != null) {
            out.put("WorkforceArn", team.getWorkforceArn());
        }
        out.put("Description", team.getDescription());
        out.put("SubDomain", workerPortalUrl);
        out.set("CreateDate", Timestamps.epochSeconds(team.getCreateDate()));
        out.set("LastUpdatedDate", Timestamps.epochSeconds(team.getLastUpdatedDate()));
        if (team.getNotificationTopicArn() != null) {
            out.putObject("NotificationConfiguration").put("NotificationTopicArn", team.getNotificationTopicArn());
        }
        WorkerAccessConfiguration access = team.getWorkerAccessConfiguration();
        if (access != null) {
            ObjectNode constraints = out.putObject("WorkerAccessConfiguration").putObject("S3Presign")
                    .putObject("IamPolicyConstraints");
            if (access.getSourceIp() != null) {
                constraints.put("SourceIp", access.getSourceIp());
            }
            if (access.getVpcSourceIp() != null) {
                constraints.put("VpcSourceIp", access.getVpcSourceIp());
            }
        }
        return out;
    }
}
