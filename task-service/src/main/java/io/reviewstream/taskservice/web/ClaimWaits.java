package io.reviewstream.taskservice.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.taskservice.domain.TeamShard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Claim-next calls of this instance that found no task and wait for one, per team.
 *
 * <p>A task that opens (or opens again) in a team wakes one waiting call of that team, the longest waiting: waking
 * them all for one task would send every waiting worker's claim to the queue owner and all but one back empty.
 * Every instance of task-service hears of every task, so each wakes one of its own; the queue owner gives the task
 * to one of them, and the others wait on.
 *
 * <p>A woken call learns which shard of the team the task opened in, so that it asks that shard first.
 *
 * <p>A call counts the team's signals before it claims; if a task opened between its claim and its wait, the count
 * has moved and it is woken at once, so no opening falls between the two.
 */
public final class ClaimWaits implements AutoCloseable {

    private final int maxWaiting;
    private final Map<String, Team> teams = new HashMap<>();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "claim-wait-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private int waiting;

    public ClaimWaits(int maxWaiting, MeterRegistry meters) {
        this.maxWaiting = maxWaiting;
        Gauge.builder("reviewstream.tasks.claims.waiting", this, ClaimWaits::waiting)
                .description("claim-next calls waiting for a task to open").register(meters);
    }

    /**
     * How many tasks have opened in these teams so far, as this instance heard: taken before a claim. Only the teams
     * of workers who claimed are counted, so events naming any other team cost nothing here.
     */
    public synchronized long signals(List<String> ofTeams) {
        long sum = 0;
        for (String team : ofTeams) {
            sum += teams.computeIfAbsent(team, t -> new Team()).signals;
        }
        return sum;
    }

    /** Why a waiting call goes on: a task opened ({@code queue} names where, when known), or its time is up. */
    public record Wakeup(boolean opened, TeamShard queue) {

        static final Wakeup TIME_UP = new Wakeup(false, null);
        static final Wakeup SOMEWHERE = new Wakeup(true, null);
    }

    /**
     * Completes when a task opens in one of the teams (at once if one has since {@code seen} was taken), or once
     * {@code wait} has passed, at once when too many calls wait already.
     */
    public CompletableFuture<Wakeup> await(List<String> ofTeams, long seen, Duration wait) {
        Waiter waiter = new Waiter(ofTeams);
        synchronized (this) {
            if (signals(ofTeams) != seen) {
                return CompletableFuture.completedFuture(Wakeup.SOMEWHERE);
            }
            if (waiting >= maxWaiting) {
                return CompletableFuture.completedFuture(Wakeup.TIME_UP);
            }
            waiting++;
            for (String team : ofTeams) {
                teams.computeIfAbsent(team, t -> new Team()).waiting.add(waiter);
            }
        }
        ScheduledFuture<?> deadline = deadlines.schedule(() -> wake(waiter, Wakeup.TIME_UP), wait.toMillis(),
                TimeUnit.MILLISECONDS);
        waiter.result.whenComplete((woken, error) -> deadline.cancel(false));
        return waiter.result;
    }

    /** A task opened in the queue: the longest waiting call of its team, if any, claims again. */
    public void opened(TeamShard queue) {
        Waiter next = null;
        synchronized (this) {
            Team known = teams.get(queue.team());
            if (known == null) {
                return;
            }
            known.signals++;
            if (!known.waiting.isEmpty()) {
                next = known.waiting.iterator().next();
                take(next);
            }
        }
        if (next != null) {
            next.result.complete(new Wakeup(true, queue));
        }
    }

    private void wake(Waiter waiter, Wakeup why) {
        boolean taken;
        synchronized (this) {
            taken = take(waiter);
        }
        if (taken) {
            waiter.result.complete(why);
        }
    }

    /** Removes a waiting call from every team it waits on; false if it waits no more. */
    private boolean take(Waiter waiter) {
        if (!waiter.waiting) {
            return false;
        }
        waiter.waiting = false;
        waiting--;
        for (String team : waiter.teams) {
            teams.get(team).waiting.remove(waiter);
        }
        return true;
    }

    synchronized int waiting() {
        return waiting;
    }

    @Override
    public void close() {
        List<Waiter> all = new ArrayList<>();
        synchronized (this) {
            teams.values().forEach(team -> all.addAll(team.waiting));
        }
        all.forEach(waiter -> wake(waiter, Wakeup.TIME_UP));
        deadlines.shutdownNow();
    }

    private static final class Team {
        /** Insertion order: the longest waiting call comes first. */
        final LinkedHashSet<Waiter> waiting = new LinkedHashSet<>();
        long signals;
    }

    private static final class Waiter {
        final List<String> teams;
        final CompletableFuture<Wakeup> result = new CompletableFuture<>();
        boolean waiting = true;

        Waiter(List<String> teams) {
            this.teams = List.copyOf(teams);
        }
    }
}
