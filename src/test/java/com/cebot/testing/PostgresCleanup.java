package com.cebot.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Keeps the tests' PostgreSQL small and stops it in time. Each test gets a database of its own,
 * some 8 MB of files: kept for the whole run, a few hundred of them took minutes to delete at
 * the end, so a test class's databases are dropped once the class has run. The server is stopped
 * once the tests of this JVM have run, before Surefire ends the JVM: stopped from a shutdown hook
 * instead, it sometimes held the JVM's exit past Surefire's 30 s. Found by JUnit through
 * META-INF/services.
 */
public final class PostgresCleanup implements LauncherSessionListener, TestExecutionListener {

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // A top-level class: its nested classes may still share what it set up until it ends.
        if (test.getSource().orElse(null) instanceof ClassSource c
                && !c.getClassName().contains("$")) {
            TestDatabase.dropDatabases();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestDatabase.stopServer();
    }
}
