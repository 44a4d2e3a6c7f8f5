package io.reviewstream.schemas.signin;

import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which password last matched each stored hash, so that a worker script sending HTTP Basic on every call
 * pays bcrypt once, not on every claim and answer: bcrypt is meant to cost tens of milliseconds of CPU, which on a
 * small machine capped a whole team at a dozen calls a second.
 *
 * <p>What is kept is an HMAC of the password under a key made at start and never stored, next to the hash it
 * matched; a password that does not match what was remembered is checked by bcrypt again, so a wrong one always
 * costs its full price and still counts towards sign-in throttling. The users' hashes come from a file read once at
 * start, so a remembered match cannot outlive a password change. At most {@link #CAPACITY} hashes are remembered,
 * the least recently used dropped first.
 */
public final class VerifiedPasswords implements PasswordEncoder {

    static final int CAPACITY = 10_000;

    private final PasswordEncoder delegate;
    private final SecretKeySpec key;
    private final Map<String, byte[]> matched = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };

    public VerifiedPasswords(PasswordEncoder delegate) {
        this.delegate = delegate;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        byte[] presented = mac(rawPassword);
        byte[] remembered;
        synchronized (matched) {
            remembered = matched.get(encodedPassword);
        }
        if (remembered != null && MessageDigest.isEqual(remembered, presented)) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (matched) {
                matched.put(encodedPassword, presented);
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private byte[] mac(CharSequence rawPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
