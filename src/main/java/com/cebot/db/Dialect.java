package com.cebot.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * Which database a {@link org.jdbi.v3.core.Jdbi} talks to, for the few statements written once per
 * database: read from any handle with {@link #of(Handle)}. A Jdbi not made by {@link Database}
 * talks to SQLite.
 */
public final class Dialect implements JdbiConfig<Dialect> {

    private Store.Kind kind = Store.Kind.SQLITE;

    public Dialect() {}

    private Dialect(Dialect other) {
        this.kind = other.kind;
    }

    public static boolean isPostgresql(Handle handle) {
        return handle.getConfig(Dialect.class).kind == Store.Kind.POSTGRESQL;
    }

    void set(Store.Kind kind) {
        this.kind = kind;
    }

    @Override
    public Dialect createCopy() {
        return new Dialect(this);
    }
}
