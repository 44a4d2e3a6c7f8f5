package io.reviewstream.taskservice.domain;

/**
 * A task id names its team, loop and place ({@code team.loop.n}): team names and loop names never contain a dot,
 * so an API call carrying only the id can be routed to the team's queue owner.
 *
 * <p>{@link #parse} accepts only ids the queue owners can have made: a work team name (a letter or digit, then
 * letters, digits and hyphens, at most 63), a human loop name (lowercase letters, digits and inner hyphens, at most
 * 63) and a task index in plain decimal. Anything else is no task, and is refused before it reaches Kafka. The
 * names are checked character by character: a pattern for them could backtrack on long input.
 */
public record TaskIds(String team, String humanLoopName, int index) {

    static final int MAX_NAME_LENGTH = 63;
    private static final int MAX_INDEX_DIGITS = 9;
    static final int MAX_LENGTH = MAX_NAME_LENGTH + 1 + MAX_NAME_LENGTH + 1 + MAX_INDEX_DIGITS;

    public static String of(String team, String humanLoopName, int index) {
        return team + "." + humanLoopName + "." + index;
    }

    /** The id's parts; IllegalArgumentException when it is not a task id. */
    public static TaskIds parse(String taskId) {
        if (taskId == null || taskId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Not a task id");
        }
        int first = taskId.indexOf('.');
        int last = taskId.lastIndexOf('.');
        if (first < 0 || first == last) {
            throw new IllegalArgumentException("Not a task id: " + taskId);
        }
        String team = taskId.substring(0, first);
        String loop = taskId.substring(first + 1, last);
        String index = taskId.substring(last + 1);
        if (!teamName(team) || !loopName(loop) || !index(index)) {
            throw new IllegalArgumentException("Not a task id: " + taskId);
        }
        return new TaskIds(team, loop, Integer.parseInt(index));
    }

    /** A work team name as CreateWorkteam takes it: {@code [a-zA-Z0-9][a-zA-Z0-9-]{0,62}}. */
    private static boolean teamName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || digit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A human loop name: {@code [a-z0-9](-*[a-z0-9])*}, at most 63 characters. */
    private static boolean loopName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH
                || name.charAt(0) == '-' || name.charAt(name.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || digit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code 0} or a number without sign or leading zeros, as {@link #of} writes it. */
    private static boolean index(String index) {
        if (index.isEmpty() || index.length() > MAX_INDEX_DIGITS || index.length() > 1 && index.charAt(0) == '0') {
            return false;
        }
        return index.chars().allMatch(c -> digit((char) c));
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
