package com.cebot.db;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
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

    /** The length of {@code 2026-11-25T09:00:00Z}. */
    private static final int WHOLE_SECOND = 20;

    /**
     * The stored form of an instant, to the millisecond. {@code Instant.toString()} of a whole
     * millisecond prints its fraction as three digits, or none at a whole second: that is the one
     * case to fill in. (A formatter built from a pattern gives the same text several times slower,
     * and every row written binds a few instants.)
     */
    static String format(Instant instant) {
        String text = instant.truncatedTo(ChronoUnit.MILLIS).toString();
        return text.length() == WHOLE_SECOND ? text.substring(0, WHOLE_SECOND - 1) + ".000Z" : text;
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
