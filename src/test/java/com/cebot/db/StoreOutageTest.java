package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.cebot.testing.LogCapture;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** Which failures are the store out of reach (told once per outage) and which are the caller's to report. */
final class StoreOutageTest {

    private static UnableToExecuteStatementException wrapped(SQLException cause) {
        return new UnableToExecuteStatementException(cause, null);
    }

    @Test
    void aLostConnection_aServerShuttingDown_aPoolWithNoConnection_andARefusedConnect_areUnreachable() {
        assertThat(StoreOutage.isUnreachable(wrapped(new SQLException("An I/O error occurred", "08006"))))
                .isTrue();
        assertThat(StoreOutage.isUnreachable(
                        wrapped(new SQLException("terminating connection due to administrator" + " command", "57P01"))))
                .isTrue();
        assertThat(StoreOutage.isUnreachable(new ConnectionException(new SQLTransientConnectionException(
                        "cebot-db - Connection is not available, request timed out after 2000ms."))))
                .isTrue();
        assertThat(StoreOutage.isUnreachable(new ConnectionException(
                        new SQLException("refused", new ConnectException("Connection refused")))))
                .isTrue();
    }

    @Test
    void aConnectionThePoolClosedAfterItWasLost_isUnreachable() {
        assertThat(StoreOutage.isUnreachable(wrapped(new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void theStoreRefusingAStatement_isNot() {
        assertThat(StoreOutage.isUnreachable(wrapped(new SQLException("duplicate key value", "23505"))))
                .isFalse();
        assertThat(StoreOutage.isUnreachable(
                        wrapped(new SQLException("canceling statement due to lock timeout", "55P03"))))
                .isFalse();
        assertThat(StoreOutage.isUnreachable(wrapped(new SQLException("[SQLITE_BUSY] The database file is locked"))))
                .isFalse();
        assertThat(StoreOutage.isUnreachable(new IllegalStateException("no such row")))
                .isFalse();
    }

    @Test
    void failed_tellsTheOutageOnce_andAnsweredTellsItsEnd() {
        StoreOutage outage = new StoreOutage();
        SQLException lost = new SQLException("An I/O error occurred", "08006");

        try (LogCapture logs = LogCapture.start()) {
            assertThat(outage.failed(lost)).isTrue();
            assertThat(outage.failed(lost)).isTrue();
            assertThat(outage.failed(new SQLException("duplicate key value", "23505")))
                    .as("the caller's to report")
                    .isFalse();
            assertThat(outage.isOut()).isTrue();
            outage.answered();
            outage.answered();

            assertThat(outage.isOut()).isFalse();
            assertThat(logs.lines(StoreOutage.class, Level.WARN))
                    .singleElement()
                    .asString()
                    .startsWith("The database cannot be reached (SQLException: An I/O error occurred)");
            assertThat(logs.lines(StoreOutage.class, Level.INFO))
                    .singleElement()
                    .asString()
                    .startsWith("The database answers again after ");
        }
    }
}
