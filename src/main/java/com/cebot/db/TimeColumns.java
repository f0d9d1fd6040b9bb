package com.cebot.db;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * SQLite has no date types, so instants are stored as UTC text and days as YYYY-MM-DD. Instants
 * always have the same width, {@code 2026-11-25T09:00:00.000Z}, so comparing the text compares the
 * times ({@code Instant.toString()} drops a zero fraction, and "…:00Z" sorts after "…:00.5Z"). One
 * place decides this for every table.
 */
final class TimeColumns implements JdbiPlugin {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The stored form of an instant, to the millisecond. */
    static String format(Instant instant) {
        return INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.VARCHAR) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setString(position, format(value));
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<LocalDate>(Types.VARCHAR) {
            @Override
            protected Argument build(LocalDate value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setString(position, value.toString());
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return text == null ? null : Instant.parse(text);
        });
        jdbi.registerColumnMapper(LocalDate.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return text == null ? null : LocalDate.parse(text);
        });
    }
}
