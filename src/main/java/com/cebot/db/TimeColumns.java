package com.cebot.db;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * SQLite has no date types, so instants are stored as UTC ISO-8601 text (sortable, readable with
 * the sqlite3 shell) and days as YYYY-MM-DD. One place decides this for every table.
 */
final class TimeColumns implements JdbiPlugin {

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.VARCHAR) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setString(position, value.toString());
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
