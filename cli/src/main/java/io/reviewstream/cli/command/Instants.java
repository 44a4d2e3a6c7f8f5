package io.reviewstream.cli.command;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A point in time as ISO-8601: an instant ({@code 2026-12-03T10:00:00Z}, any offset) or a day (its start, UTC). */
final class Instants implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return value.contains("T") ? OffsetDateTime.parse(value).toInstant()
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is neither an ISO-8601 instant "
                    + "(2026-12-03T10:00:00Z) nor a day (2026-12-03)");
        }
    }
}
