package io.reviewstream.schemas.signin;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Built-in users (the standalone mode's workers, operators and viewers), from a file with one user per line:
 * {@code username:bcrypt-hash:group1,group2}; blank lines and {@code #} comments are ignored.
 */
public final class LocalUsers {

    public static final String GROUP_PREFIX = "GROUP_";

    private LocalUsers() {
    }

    public static List<UserDetails> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the users file " + file, e);
        }
        List<UserDetails> users = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", 3);
            if (parts.length < 2 || parts[0].isBlank() || !parts[1].startsWith("$2")) {
                throw new IllegalArgumentException("Users file " + file + " line " + (i + 1)
                        + ": expected username:bcrypt-hash:group1,group2");
            }
            List<SimpleGrantedAuthority> groups = parts.length < 3 ? List.of() : Arrays.stream(parts[2].split(","))
                    .map(String::trim).filter(g -> !g.isEmpty())
                    .map(g -> new SimpleGrantedAuthority(GROUP_PREFIX + g)).toList();
            users.add(User.withUsername(parts[0]).password("{bcrypt}" + parts[1]).authorities(groups).build());
        }
        return users;
    }
}
