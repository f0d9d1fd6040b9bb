package com.cebot.ops;

import com.cebot.config.BotConfig;
import com.cebot.work.QueueLevels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators watch of the running bot. With {@code ops.port} set, an HTTP listener answers
 * {@code /healthz}, {@code /readyz} and {@code /metrics} (see {@link OpsListener}) and the meters
 * handed to the rest of the bot ({@link #meters()}) are Prometheus', with the JVM's own beside them.
 * Without it, nothing listens and the meters record nothing: the registry denies every meter, so
 * each is Micrometer's no-op and a count costs an empty call, allocating nothing. (An empty
 * composite registry, the other way to record nothing, allocates an iterator on every count under
 * the client compiler the bot runs with.)
 *
 * <p>The listener starts first, before Slack or the store are touched: a port in use stops the start
 * at once. Until {@link #watch} is called, once the bot has its socket, {@code /readyz} says it is
 * starting.
 */
public final class Monitoring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Monitoring.class);
    /** Kubernetes' probes give up after 1 s by default: the store's answer is awaited for half that. */
    static final Duration STORE_WAIT = Duration.ofMillis(500);
    /** The queues' levels are read at most this often, however often they are scraped. */
    static final Duration LEVELS_FRESH = Duration.ofSeconds(5);
    /** How long a scrape waits for new levels before it shows the last ones. */
    static final Duration LEVELS_WAIT = Duration.ofMillis(250);

    /** Why the listener could not start, in one line naming the setting to change. */
    public static final class CannotListen extends Exception {
        private static final long serialVersionUID = 1L;

        CannotListen(String message) {
            super(message, null, false, false);
        }
    }

    private final MeterRegistry meters;
    private final Clock clock;
    /** The rest is null when the listener is off. */
    private final PrometheusMeterRegistry prometheus;

    private final JvmGcMetrics gc;
    private final ExecutorService storeReads;
    private final Probe probe;
    private final OpsListener listener;

    private Monitoring(
            MeterRegistry meters,
            Clock clock,
            PrometheusMeterRegistry prometheus,
            JvmGcMetrics gc,
            ExecutorService storeReads,
            Probe probe,
            OpsListener listener) {
        this.meters = meters;
        this.clock = clock;
        this.prometheus = prometheus;
        this.gc = gc;
        this.storeReads = storeReads;
        this.probe = probe;
        this.listener = listener;
    }

    /** Readiness: "starting" until the bot is watched. */
    private static final class Probe implements OpsListener.Probe {
        private volatile Readiness readiness;

        @Override
        public Optional<String> notReady() {
            Readiness now = readiness;
            return now == null ? Optional.of("the bot is starting") : now.notReady();
        }
    }

    /** Off: no listener, and meters that record nothing. */
    private static Monitoring off() {
        SimpleMeterRegistry nothing = new SimpleMeterRegistry();
        nothing.config().meterFilter(MeterFilter.deny());
        return new Monitoring(nothing, Clock.systemUTC(), null, null, null, null, null);
    }

    /** Listens as {@code settings} say, or is {@link #off()} when they set no port. */
    public static Monitoring start(BotConfig.Ops settings, Clock clock) throws CannotListen {
        if (settings.port().isEmpty()) {
            return off();
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.bindAddress());
        } catch (UnknownHostException e) {
            throw new CannotListen("ops.bind_address \"" + settings.bindAddress() + "\" is not a known host name;"
                    + " use an IP address of this machine such as 127.0.0.1.");
        }
        int port = settings.port().getAsInt();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicInteger n = new AtomicInteger();
        ExecutorService storeReads = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "ops-store-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Probe probe = new Probe();
        OpsListener listener;
        try {
            listener = OpsListener.start(new InetSocketAddress(address, port), probe, prometheus::scrape);
        } catch (IOException e) {
            storeReads.shutdownNow();
            prometheus.close();
            throw new CannotListen(
                    ofThisMachine(address)
                            ? "ops.port " + port + " cannot be opened on " + address.getHostAddress() + " ("
                                    + e.getMessage() + "): choose another port, or stop what listens there."
                            : "ops.bind_address \"" + settings.bindAddress()
                                    + "\" is not an address of this machine; use one"
                                    + " of its own, such as 127.0.0.1 or 0.0.0.0 for every interface.");
        }
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        log.info("Ops listener on http://{}:{}/ (healthz, readyz, metrics)", host, listener.port());
        return new Monitoring(prometheus, clock, prometheus, new JvmGcMetrics(), storeReads, probe, listener);
    }

    private static boolean ofThisMachine(InetAddress address) {
        try {
            return address.isAnyLocalAddress()
                    || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Where the bot's parts count what they do. */
    public MeterRegistry meters() {
        return meters;
    }

    /**
     * Once the bot has its socket: readiness follows the socket and the store, the queues' levels
     * are read when scraped, and the JVM's meters join (their set-up, a tenth of a second of JMX,
     * is kept out of the time to hello). Does nothing when the listener is off.
     */
    public void watch(BooleanSupplier socketUp, Jdbi store, QueueLevels levels) {
        if (listener == null) {
            return;
        }
        new WorkGauges(levels.queues(), levels::read, clock, LEVELS_FRESH, LEVELS_WAIT, storeReads)
                .register(prometheus);
        gc.bindTo(prometheus);
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        probe.readiness = new Readiness(socketUp, store, STORE_WAIT, storeReads);
    }

    /** Stops listening; the meters stay readable by whoever holds them. */
    @Override
    public void close() {
        if (listener == null) {
            return;
        }
        listener.close();
        storeReads.shutdownNow();
        gc.close();
    }
}
