package io.reviewstream.standalone.operations;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration keys the code binds, found by scanning the {@code @ConfigurationProperties} records, to check
 * environment variables of deployments against (Spring Boot relaxed binding: {@code REVIEWSTREAM_S3_ACCESSKEY}).
 */
final class ConfigurationKeys {

    /** Boot's own keys the deployments set, in canonical form (no dashes). */
    private static final Set<String> BOOT_KEYS = Set.of("server.port", "spring.kafka.bootstrapservers",
            "management.endpoint.health.probes.enabled");
    /** Set for the JVM rather than for Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private final List<Pattern> patterns;

    private ConfigurationKeys(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static ConfigurationKeys scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Pattern> patterns = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.reviewstream")) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                if (!type.isRecord()) {
                    throw new IllegalStateException(type + " binds configuration but is not a record");
                }
                properties(Pattern.quote(canonical(type.getAnnotation(ConfigurationProperties.class).value())), type,
                        patterns);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        if (patterns.isEmpty()) {
            throw new IllegalStateException("No configuration records on the classpath");
        }
        return new ConfigurationKeys(patterns);
    }

    /** Whether an environment variable binds to a property of the code. */
    boolean binds(String variable) {
        if (JVM_VARIABLES.contains(variable)) {
            return true;
        }
        String key = variable.toLowerCase(Locale.ROOT).replace('_', '.');
        return BOOT_KEYS.contains(key) || patterns.stream().anyMatch(p -> p.matcher(key).matches());
    }

    /**
     * The environment variable that sets a property key:
     * {@code reviewstream.auth.credentials[0].access-key-id} → {@code REVIEWSTREAM_AUTH_CREDENTIALS_0_ACCESSKEYID}.
     */
    static String environmentVariable(String key) {
        return key.replace("-", "").replaceAll("\\[(\\d+)]", ".$1").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static void properties(String prefix, Class<?> record, List<Pattern> patterns) {
        for (RecordComponent component : record.getRecordComponents()) {
            property(prefix + "\\." + Pattern.quote(canonical(component.getName())), component.getType(),
                    component.getGenericType(), patterns);
        }
    }

    private static void property(String key, Class<?> type, Type generic, List<Pattern> patterns) {
        if (type.isRecord()) {
            properties(key, type, patterns);
        } else if (List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type)) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            if (element instanceof Class<?> elementType && elementType.isRecord()) {
                properties(key + "\\.\\d+", elementType, patterns);
            } else {
                patterns.add(Pattern.compile(key + "(\\.\\d+)?"));
            }
        } else if (Map.class.isAssignableFrom(type)) {
            patterns.add(Pattern.compile(key + "\\..+"));
        } else {
            patterns.add(Pattern.compile(key));
        }
    }

    /** Spring Boot's canonical form as an environment variable sees it: lower case, no dashes. */
    private static String canonical(String name) {
        return name.replace("-", "").toLowerCase(Locale.ROOT);
    }
}
