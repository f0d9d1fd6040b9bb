package com.cebot.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the tests' PostgreSQL once the tests of this JVM have run, before Surefire ends the JVM:
 * stopped from a shutdown hook instead, it sometimes held the JVM's exit past Surefire's 30 s.
 * Found by JUnit through META-INF/services.
 */
public final class PostgresSessionEnd implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestDatabase.stopServer();
    }
}
