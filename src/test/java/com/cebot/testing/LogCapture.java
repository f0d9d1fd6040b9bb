package com.cebot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log event that passes the configured levels (logback-test.xml), from every logger,
 * while open. Close it to detach.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return new ArrayList<>(appender.list);
        }
    }

    /** Events of one logger (its name is the class name) at one level. */
    public List<ILoggingEvent> events(Class<?> logger, Level level) {
        return events().stream().filter(e -> e.getLoggerName().equals(logger.getName()) && e.getLevel() == level)
                .toList();
    }

    /** The formatted messages of one logger at one level. */
    public List<String> lines(Class<?> logger, Level level) {
        return events(logger, level).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Waits until one logger has written a line at this level containing {@code text}; returns it. */
    public String await(Class<?> logger, Level level, String text, Duration timeout) {
        return Await.value(timeout, logger.getSimpleName() + " " + level + " line containing \"" + text
                + "\"; lines so far: " + events().stream().map(ILoggingEvent::getFormattedMessage).toList(),
                () -> lines(logger, level).stream().filter(line -> line.contains(text)).findFirst().orElse(null));
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
