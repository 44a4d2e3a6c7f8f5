package io.reviewstream.schemas.signin;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedPasswordsTest {

    /** Counts the checks that reach the slow encoder; matches when the password equals the "hash" without its prefix. */
    private final AtomicInteger slowChecks = new AtomicInteger();
    private final PasswordEncoder slow = new PasswordEncoder() {
        @Override
        public String encode(CharSequence rawPassword) {
            return "hash:" + rawPassword;
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            slowChecks.incrementAndGet();
            return encodedPassword.equals("hash:" + rawPassword);
        }
    };
    private final VerifiedPasswords passwords = new VerifiedPasswords(slow);

    @Test
    void aPasswordThatMatchedIsNotCheckedSlowlyAgain() {
        assertThat(passwords.matches("right", "hash:right")).isTrue();
        assertThat(passwords.matches("right", "hash:right")).isTrue();
        assertThat(passwords.matches("right", "hash:right")).isTrue();
        assertThat(slowChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordAlwaysPaysTheSlowCheckAndNeverMatches() {
        assertThat(passwords.matches("right", "hash:right")).isTrue();
        assertThat(passwords.matches("wrong", "hash:right")).isFalse();
        assertThat(passwords.matches("wrong", "hash:right")).isFalse();
        assertThat(passwords.matches("", "hash:right")).isFalse();
        assertThat(slowChecks).hasValue(4);
        assertThat(passwords.matches("right", "hash:right")).as("the right one is still remembered").isTrue();
        assertThat(slowChecks).hasValue(4);
    }

    @Test
    void aRememberedPasswordCountsOnlyForTheHashItMatched() {
        assertThat(passwords.matches("shared", "hash:shared")).isTrue();
        assertThat(passwords.matches("shared", "hash:other")).isFalse();
        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void theLeastRecentlyUsedAreForgottenBeyondTheCapacity() {
        for (int i = 0; i <= VerifiedPasswords.CAPACITY; i++) {
            assertThat(passwords.matches("p" + i, "hash:p" + i)).isTrue();
        }
        int afterFilling = slowChecks.get();
        assertThat(passwords.matches("p" + VerifiedPasswords.CAPACITY, "hash:p" + VerifiedPasswords.CAPACITY)).isTrue();
        assertThat(slowChecks).hasValue(afterFilling);
        assertThat(passwords.matches("p0", "hash:p0")).as("the first was dropped").isTrue();
        assertThat(slowChecks).hasValue(afterFilling + 1);
    }
}
