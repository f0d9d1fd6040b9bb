package com.cebot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.cebot.slack.socket.SocketModeConnection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The logging the packaged bot sets up for itself (tests name their own file, which it steps aside for). */
class LogSetupTest {

    private final LoggerContext context = new LoggerContext();
    private String named;

    @BeforeEach
    void noFileNamed() {
        named = System.clearProperty("logback.configurationFile");
    }

    @AfterEach
    void restore() {
        context.stop();
        if (named != null) {
            System.setProperty("logback.configurationFile", named);
        }
    }

    @Test
    void silencesTheSdksSocketLogging_butNotOurs() {
        assertThat(configure()).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        assertThat(context.getLogger("com.slack.api.socket_mode.SocketModeClient")
                        .getEffectiveLevel())
                .isEqualTo(Level.OFF);
        assertThat(context.getLogger("com.slack.api.bolt.socket_mode.SocketModeApp")
                        .getEffectiveLevel())
                .isEqualTo(Level.OFF);
        assertThat(context.getLogger("com.slack.api.methods.impl.MethodsClientImpl")
                        .getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(context.getLogger(SocketModeConnection.class).isInfoEnabled())
                .isTrue();
        assertThat(context.getLogger("com.cebot.app.CeBot").isDebugEnabled()).isFalse();
    }

    @Test
    void writesOneUtf8LinePerEvent_inUtc_whateverTheLocale() {
        configure();
        ch.qos.logback.classic.Logger logger = context.getLogger("com.cebot.app.CeBot");
        ConsoleAppender<?> stdout = (ConsoleAppender<?>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        LoggingEvent event = new LoggingEvent("test", logger, Level.INFO, "channels.ce → #ce …", null, null);
        event.setTimeStamp(0);
        event.setThreadName("main");
        @SuppressWarnings("unchecked")
        Encoder<LoggingEvent> encoder = (Encoder<LoggingEvent>) stdout.getEncoder();

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line)
                .isEqualTo("1970-01-01T00:00:00.000Z INFO  [main] com.cebot.app.CeBot - channels.ce → #ce …"
                        + System.lineSeparator());
    }

    @Test
    void aFileTheOperatorNames_isReadInstead() {
        System.setProperty("logback.configurationFile", "custom.xml");
        try {
            assertThat(configure()).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"))
                    .isNull();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }

    private ExecutionStatus configure() {
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        return setup.configure(context);
    }
}
