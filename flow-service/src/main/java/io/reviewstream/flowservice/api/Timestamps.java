package io.reviewstream.flowservice.api;

import tools.jackson.databind.node.DecimalNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps in each protocol's format (a2i-compat.md §1.4, §2.2): the runtime API sends ISO-8601 strings (the Java
 * SDK rejects numbers there), the control plane epoch seconds as JSON numbers (the Java SDK rejects strings there).
 */
public final class Timestamps {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static DecimalNode epochSeconds(Instant instant) {
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    /**
     * Reads what SDKs and people send: {@code …ssZ}, {@code …ss.SSSZ} (Java), {@code …ss.SSSSSSZ} (boto3), an
     * offset instead of {@code Z}, or a bare date (midnight UTC). Null when it is none of these.
     */
    public static Instant parseIso(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
