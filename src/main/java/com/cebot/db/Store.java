package com.cebot.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where the bot keeps its data, as the environment names it: a SQLite file (the default) or a
 * PostgreSQL database, with the credentials to log in to it. Credentials come from
 * {@code CEBOT_DB_USER} and {@code CEBOT_DB_PASSWORD}, or else from the URL; they are kept out of
 * {@link #url()} and never shown: {@link #toString()} and {@link #where()} name the host and
 * database only.
 */
public record Store(Kind kind, String url, Optional<String> user, Optional<String> password) {

    public enum Kind {
        SQLITE("sqlite"),
        POSTGRESQL("postgresql");

        /** The folder of db/migration with this database's own migrations. */
        final String migrations;

        Kind(String migrations) {
            this.migrations = migrations;
        }
    }

    /**
     * Reads a JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql://…}) or a libpq one
     * ({@code postgresql://user:secret@host/db}); {@code user} and {@code password}, when given,
     * win over those in the URL. Anything else is SQLite's to refuse (see
     * {@link com.cebot.config.Secrets}).
     */
    public static Store of(String url, Optional<String> user, Optional<String> password) {
        String text = url.strip();
        if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            text = "jdbc:postgresql://" + text.substring(text.indexOf("://") + 3);
        }
        if (!text.startsWith("jdbc:postgresql:")) {
            return new Store(Kind.SQLITE, text, Optional.empty(), Optional.empty());
        }
        // pgjdbc reads no user:secret@ before the host; it is taken out here and passed as properties.
        String prefix = "jdbc:postgresql://";
        Optional<String> urlUser = Optional.empty();
        Optional<String> urlPassword = Optional.empty();
        if (text.startsWith(prefix)) {
            String rest = text.substring(prefix.length());
            int slash = rest.indexOf('/');
            int at = rest.lastIndexOf('@', slash < 0 ? rest.length() : slash);
            if (at >= 0) {
                String info = rest.substring(0, at);
                int colon = info.indexOf(':');
                urlUser = Optional.of(decoded(colon < 0 ? info : info.substring(0, colon)));
                urlPassword = colon < 0 ? Optional.empty() : Optional.of(decoded(info.substring(colon + 1)));
                text = prefix + rest.substring(at + 1);
            }
        }
        Properties parsed = Driver.parseURL(text, new Properties());
        if (parsed != null) {
            urlUser = urlUser.or(() -> Optional.ofNullable(parsed.getProperty("user")));
            urlPassword = urlPassword.or(() -> Optional.ofNullable(parsed.getProperty("password")));
        }
        Optional<String> fromUrlUser = urlUser;
        Optional<String> fromUrlPassword = urlPassword;
        return new Store(
                Kind.POSTGRESQL,
                withoutCredentials(text),
                user.filter(u -> !u.isBlank()).or(() -> fromUrlUser),
                password.or(() -> fromUrlPassword));
    }

    /** From the environment: CEBOT_DB_URL (SQLite's default file when unset), CEBOT_DB_USER, CEBOT_DB_PASSWORD. */
    public static Store fromEnvironment(Map<String, String> env, String defaultUrl) {
        return of(
                env.getOrDefault("CEBOT_DB_URL", defaultUrl),
                Optional.ofNullable(env.get("CEBOT_DB_USER")),
                Optional.ofNullable(env.get("CEBOT_DB_PASSWORD")));
    }

    public boolean isPostgresql() {
        return kind == Kind.POSTGRESQL;
    }

    /** The SQLite file; empty for PostgreSQL, and for SQLite's in-memory and other non-file URLs. */
    public Optional<Path> file() {
        return kind == Kind.SQLITE ? Database.file(url) : Optional.empty();
    }

    /**
     * What an admin reads in a message: the SQLite file's absolute path, or "PostgreSQL host:port/db",
     * never a user or a password.
     */
    public String where() {
        if (kind == Kind.SQLITE) {
            return file().map(f -> f.toAbsolutePath().toString()).orElse(url);
        }
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            return "PostgreSQL (CEBOT_DB_URL cannot be read as a PostgreSQL URL)";
        }
        String hosts = parsed.getProperty("PGHOST", "localhost");
        String ports = parsed.getProperty("PGPORT", "5432");
        String[] h = hosts.split(",");
        String[] p = ports.split(",");
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < h.length; i++) {
            at.append(i == 0 ? "" : ",").append(h[i]).append(':').append(p[Math.min(i, p.length - 1)]);
        }
        return "PostgreSQL " + at + "/" + parsed.getProperty("PGDBNAME", "");
    }

    /** The driver's properties: the credentials, and timeouts so a database that is down is known in seconds. */
    Properties connectionProperties() {
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        // A statement waits no longer than this for a database gone silent (a host lost, a network
        // cut), rather than for TCP to give up, which takes many minutes.
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        // PostgreSQL's errors quote the row they refused ("Failing row contains (…)"): what people
        // typed would reach the logs and the stored errors. The message alone is kept.
        properties.setProperty("logServerErrorDetail", "false");
        properties.setProperty("ApplicationName", "cebot");
        // As SQLite's busy timeout does, a statement waits up to 10 s for a lock another holds, then
        // fails, rather than wait as long as the other transaction lasts.
        properties.setProperty("options", "-c lock_timeout=" + SingleWriter.BUSY_TIMEOUT_MILLIS);
        return properties;
    }

    @Override
    public String toString() {
        return "Store[" + where() + "]";
    }

    private static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : url.substring(query + 1).split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (name.equalsIgnoreCase("user") || name.equalsIgnoreCase("password") || pair.isEmpty()) {
                continue;
            }
            kept.append(kept.length() == 0 ? "?" : "&").append(pair);
        }
        return url.substring(0, query) + kept;
    }

    private static String decoded(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
