package io.reviewstream.schemas.signin;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Throttling of password sign-in (the sign-in form and HTTP Basic): after so many failures within the window, for
 * one username or from one address, every further attempt for that username or from that address is refused with
 * 429 until the lockout has passed. A successful sign-in clears the username's failures.
 *
 * @param maxFailuresPerUser    failures for one username (existing or not) before it is locked out
 * @param maxFailuresPerAddress failures from one client address before it is locked out; higher, as one address
 *                              may be a whole office behind one gateway
 * @param failureWindow         how long a failure counts
 * @param lockout               how long attempts are refused once a limit is reached
 * @param trackedKeys           usernames, and addresses, whose failures are remembered at most (the least recently
 *                              seen are forgotten first), which bounds the memory an attacker can make it use
 */
public record SignInProperties(
        @Min(1) @DefaultValue("5") int maxFailuresPerUser,
        @Min(1) @DefaultValue("20") int maxFailuresPerAddress,
        @NotNull @DefaultValue("15m") Duration failureWindow,
        @NotNull @DefaultValue("5m") Duration lockout,
        @Min(1) @DefaultValue("10000") int trackedKeys) {
}
