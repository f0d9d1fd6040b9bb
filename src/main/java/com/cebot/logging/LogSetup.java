package com.cebot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The bot's logging, set up in code: logback finds this class through {@code ServiceLoader} and
 * skips reading XML, which took about a fifth of a start. An operator who wants another setup
 * names a file with {@code -Dlogback.configurationFile=…}, and logback reads that instead.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** One line per event. Never payload bodies: they carry what users typed. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{20} - %msg%n";

    /**
     * Quieter than INFO. The SDK logs request details at debug. SocketModeConnection says what
     * happens to the socket in one line each, whereas the SDK's client would log a stack trace for
     * every failed connect and ping, and SocketModeApp logs listener failures with their message,
     * which can quote what a person typed. The pool announces every start and stop.
     */
    static final Map<String, Level> LEVELS = Map.of(
            "com.slack.api", Level.WARN,
            "com.slack.api.socket_mode.SocketModeClient", Level.OFF,
            "com.slack.api.bolt.socket_mode.SocketModeApp", Level.OFF,
            "org.flywaydb", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            // A lost database server breaks every pooled connection, each logged with its stack
            // trace; StoreOutage tells it in one line.
            "com.zaxxer.hikari.pool.ProxyConnection", Level.ERROR,
            "com.zaxxer.hikari.pool.PoolBase", Level.ERROR,
            "org.glassfish.tyrus", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // The shaded jar drops the version manifests logback compares, so it would print a false
        // warning and its whole status at every start.
        NopStatusListener quiet = new NopStatusListener();
        context.getStatusManager().add(quiet);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        // UTF-8 whatever the locale: with LANG unset the JVM default would print → and … as "?".
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
