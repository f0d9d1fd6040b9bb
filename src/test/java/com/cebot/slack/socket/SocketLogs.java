package com.cebot.slack.socket;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import java.time.Duration;
import java.util.List;

/** The lines the connection's classes logged, whichever of them logged each. */
final class SocketLogs {

    private static final String PACKAGE = SocketModeConnection.class.getPackageName() + ".";

    private SocketLogs() {}

    static List<String> lines(LogCapture logs, Level level) {
        return logs.events().stream()
                .filter(e -> e.getLoggerName().startsWith(PACKAGE) && e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Waits for a line at this level containing {@code text}; returns it. */
    static String await(LogCapture logs, Level level, String text, Duration timeout) {
        return Await.value(
                timeout,
                () -> level + " line containing \"" + text + "\"; lines so far: "
                        + logs.events().stream()
                                .map(ILoggingEvent::getFormattedMessage)
                                .toList(),
                () -> lines(logs, level).stream()
                        .filter(line -> line.contains(text))
                        .findFirst()
                        .orElse(null));
    }

    static List<ILoggingEvent> withAStackTrace(LogCapture logs) {
        return logs.events().stream().filter(e -> e.getThrowableProxy() != null).toList();
    }
}
