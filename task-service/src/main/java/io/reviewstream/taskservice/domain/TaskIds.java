package io.reviewstream.taskservice.domain;

/**
 * A task id names its team, loop and place ({@code team.loop.n}), and for a loop in a shard other than the first of
 * its team, the shard ({@code team~shard.loop.n}, see {@link TeamShard}): team names and loop names never contain a
 * dot or a tilde, so an API call carrying only the id can be routed to the queue owner of the loop's shard.
 *
 * <p>{@link #parse} accepts only ids the queue owners can have made: a work team name (a letter or digit, then
 * letters, digits and hyphens, at most 63), a human loop name (lowercase letters, digits and inner hyphens, at most
 * 63), a task index in plain decimal and, if any, a shard number in plain decimal from 1 to
 * {@link TeamShard#MAX_SHARDS} - 1. Anything else is no task, and is refused before it reaches Kafka. The
 * names are checked character by character: a pattern for them could backtrack on long input.
 */
public record TaskIds(String team, int shard, String humanLoopName, int index) {

    static final int MAX_NAME_LENGTH = 63;
    private static final int MAX_INDEX_DIGITS = 9;
    private static final int MAX_SHARD_DIGITS = 2;
    static final int MAX_LENGTH = MAX_NAME_LENGTH + 1 + MAX_SHARD_DIGITS + 1 + MAX_NAME_LENGTH + 1 + MAX_INDEX_DIGITS;

    public static String of(TeamShard queue, String humanLoopName, int index) {
        return queue.key() + "." + humanLoopName + "." + index;
    }

    /** The queue shard whose owner holds the task. */
    public TeamShard queue() {
        return new TeamShard(team, shard);
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
        String queue = taskId.substring(0, first);
        int separator = queue.indexOf(TeamShard.SEPARATOR);
        String team = separator < 0 ? queue : queue.substring(0, separator);
        String shard = separator < 0 ? null : queue.substring(separator + 1);
        String loop = taskId.substring(first + 1, last);
        String index = taskId.substring(last + 1);
        if (!teamName(team) || shard != null && !shard(shard) || !loopName(loop) || !index(index)) {
            throw new IllegalArgumentException("Not a task id: " + taskId);
        }
        return new TaskIds(team, shard == null ? 0 : Integer.parseInt(shard), loop, Integer.parseInt(index));
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

    /** A shard other than the first, as {@link TeamShard#key()} writes it: 1 to MAX_SHARDS - 1, no leading zero. */
    private static boolean shard(String shard) {
        if (shard.isEmpty() || shard.length() > MAX_SHARD_DIGITS || shard.charAt(0) == '0'
                || !shard.chars().allMatch(c -> digit((char) c))) {
            return false;
        }
        return Integer.parseInt(shard) < TeamShard.MAX_SHARDS;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
