package io.reviewstream.schemas.signin;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Failed password sign-ins, per username and per client address, and who is locked out for now (see
 * {@link SignInProperties}). Usernames count whether or not they exist, so a refusal tells nothing about which do.
 * Both tables are bounded; each is guarded by its own lock, held only for a lookup.
 */
public final class SignInThrottle {

    /** Longer usernames count under their first characters: no real one is that long, and the key stays small. */
    static final int MAX_USERNAME_KEY = 128;

    private final SignInProperties limits;
    private final Clock clock;
    private final Failures users;
    private final Failures addresses;

    public SignInThrottle(SignInProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.users = new Failures(limits.maxFailuresPerUser(), limits.trackedKeys());
        this.addresses = new Failures(limits.maxFailuresPerAddress(), limits.trackedKeys());
    }

    /** How long an attempt for the username from the address is still refused; zero when it may go ahead. */
    public Duration refusal(String username, String address) {
        Instant now = clock.instant();
        Duration user = users.refusal(userKey(username), now);
        Duration from = address == null ? Duration.ZERO : addresses.refusal(address, now);
        return user.compareTo(from) >= 0 ? user : from;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        users.failed(userKey(username), now);
        if (address != null) {
            addresses.failed(address, now);
        }
    }

    public void succeeded(String username) {
        users.forget(userKey(username));
    }

    /** Usernames are matched as the user store matches them: without regard to case. */
    private static String userKey(String username) {
        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        return name.length() > MAX_USERNAME_KEY ? name.substring(0, MAX_USERNAME_KEY) : name;
    }

    private static final class Entry {
        int failures;
        Instant windowStart;
        Instant refusedUntil;
    }

    /** One table: failures per key within the window, and the end of a key's lockout. */
    private final class Failures {

        private final int maxFailures;
        private final Map<String, Entry> entries;

        Failures(int maxFailures, int capacity) {
            this.maxFailures = maxFailures;
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized Duration refusal(String key, Instant now) {
            Entry entry = entries.get(key);
            return entry == null || entry.refusedUntil == null || !now.isBefore(entry.refusedUntil)
                    ? Duration.ZERO : Duration.between(now, entry.refusedUntil);
        }

        synchronized void failed(String key, Instant now) {
            Entry entry = entries.computeIfAbsent(key, k -> new Entry());
            if (entry.windowStart == null || !now.isBefore(entry.windowStart.plus(limits.failureWindow()))) {
                entry.windowStart = now;
                entry.failures = 0;
            }
            entry.failures++;
            if (entry.failures >= maxFailures) {
                entry.refusedUntil = now.plus(limits.lockout());
                entry.windowStart = null;
            }
        }

        synchronized void forget(String key) {
            entries.remove(key);
        }
    }
}
