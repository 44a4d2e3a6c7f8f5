package io.reviewstream.taskservice.domain;

/**
 * A task id names its team, loop and place ({@code team.loop.n}): team names and loop names never contain a dot,
 * so an API call carrying only the id can be routed to the team's queue owner.
 */
public record TaskIds(String team, String humanLoopName, int index) {

    public static String of(String team, String humanLoopName, int index) {
        return team + "." + humanLoopName + "." + index;
    }

    public static TaskIds parse(String taskId) {
        String[] parts = taskId == null ? new String[0] : taskId.split("\\.");
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("Not a task id: " + taskId);
        }
        try {
            return new TaskIds(parts[0], parts[1], Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a task id: " + taskId, e);
        }
    }
}
