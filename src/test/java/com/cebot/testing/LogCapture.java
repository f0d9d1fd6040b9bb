package com.cebot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log event that passes the configured levels (logback-test.xml), from every logger,
 * while open. For every test of a class, register it:
 * {@code @RegisterExtension final LogCapture logs = new LogCapture();} opens it before the class's
 * {@code @BeforeEach} methods and closes it after its {@code @AfterEach} ones; what it kept stays
 * readable. For part of one test, {@link #start()} it and close it.
 */
public final class LogCapture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Opens with each test; see the class comment. */
    public LogCapture() {
        appender.setContext(root.getLoggerContext());
    }

    /** Keeps what is logged from now until {@link #close()}. */
    public static LogCapture start() {
        LogCapture logs = new LogCapture();
        logs.open();
        return logs;
    }

    private void open() {
        synchronized (appender.list) {
            appender.list.clear();
        }
        appender.start();
        root.addAppender(appender);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return new ArrayList<>(appender.list);
        }
    }

    /** Events of one logger (its name is the class name) at one level. */
    public List<ILoggingEvent> events(Class<?> logger, Level level) {
        return events().stream()
                .filter(e -> e.getLoggerName().equals(logger.getName()) && e.getLevel() == level)
                .toList();
    }

    /** The formatted messages of one logger at one level. */
    public List<String> lines(Class<?> logger, Level level) {
        return events(logger, level).stream()
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Waits until one logger has written a line at this level containing {@code text}; returns it. */
    public String await(Class<?> logger, Level level, String text, Duration timeout) {
        return Await.value(
                timeout,
                () -> logger.getSimpleName() + " " + level + " line containing \"" + text + "\"; lines so far: "
                        + events().stream()
                                .map(ILoggingEvent::getFormattedMessage)
                                .toList(),
                () -> lines(logger, level).stream()
                        .filter(line -> line.contains(text))
                        .findFirst()
                        .orElse(null));
    }

    /** Everything an event would print: message, and its throwable's classes, messages and causes. */
    public static String printed(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    public boolean anyAtLeast(Level level) {
        return events().stream().anyMatch(e -> e.getLevel().isGreaterOrEqual(level));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
