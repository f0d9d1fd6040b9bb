package com.cebot.work;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot processes that run on this database. Each registers at start and says when it stops; a
 * process on this host whose pid is gone (killed, crashed) is found at the next start and its claims
 * are released at once, rather than when their leases run out.
 */
public final class Processes {

    private static final Logger log = LoggerFactory.getLogger(Processes.class);

    /** One process as {@code status} shows it. */
    public record Process(
            String owner,
            String host,
            long pid,
            Instant startedAt,
            Instant lastHelloAt,
            Instant lastSeenAt,
            Instant stoppedAt,
            String stopReason) {

        /** When the process last said it was alive: its latest heartbeat or hello, else its start. */
        public Instant heardFrom() {
            Instant heard = startedAt;
            for (Instant at : new Instant[] {lastHelloAt, lastSeenAt}) {
                if (at != null && at.isAfter(heard)) {
                    heard = at;
                }
            }
            return heard;
        }
    }

    @RegisterConstructorMapper(Process.class)
    interface Repository {
        @SqlUpdate("""
                INSERT INTO bot_process (owner, host, pid, started_at, last_seen_at) VALUES (:owner, :host, :pid, :now, :now)
                """)
        void insert(String owner, String host, long pid, Instant now);

        @SqlUpdate("UPDATE bot_process SET last_hello_at = :at, last_seen_at = :at WHERE owner = :owner")
        void hello(String owner, Instant at);

        @SqlUpdate("UPDATE bot_process SET last_seen_at = :at WHERE owner = :owner AND stopped_at IS NULL")
        void seen(String owner, Instant at);

        @SqlUpdate(
                "UPDATE bot_process SET stopped_at = :now, stop_reason = :reason WHERE owner = :owner AND stopped_at IS NULL")
        int stopped(String owner, String reason, Instant now);

        @SqlQuery("""
                SELECT owner, host, pid, started_at, last_hello_at, last_seen_at, stopped_at, stop_reason FROM bot_process
                WHERE stopped_at IS NULL AND host = :host AND owner <> :me
                """)
        List<Process> runningOnHost(String host, String me);

        /** Only pending rows hold claims: read from the index on queue and status, never the rows done. */
        @SqlUpdate("""
                UPDATE work SET lease_owner = NULL, lease_until = NULL
                WHERE queue IN ('inbox', 'outbox', 'job') AND status = 'pending' AND lease_owner = :owner
                """)
        int releaseLeases(String owner);

        @SqlQuery("""
                SELECT owner, host, pid, started_at, last_hello_at, last_seen_at, stopped_at, stop_reason FROM bot_process
                WHERE stopped_at IS NULL ORDER BY started_at DESC
                """)
        List<Process> running();

        @SqlQuery("""
                SELECT owner, host, pid, started_at, last_hello_at, last_seen_at, stopped_at, stop_reason FROM bot_process
                WHERE stopped_at IS NOT NULL ORDER BY stopped_at DESC LIMIT :limit
                """)
        List<Process> latestStopped(int limit);
    }

    private final Jdbi jdbi;
    private final Owner owner;
    private final Clock clock;

    public Processes(Jdbi jdbi, Owner owner, Clock clock) {
        this.jdbi = jdbi;
        this.owner = owner;
        this.clock = clock;
    }

    /** Registers this process and releases the claims of processes on this host that are gone. */
    public void register() {
        jdbi.useTransaction(h -> {
            Repository repo = h.attach(Repository.class);
            for (Process other : repo.runningOnHost(owner.host(), owner.id())) {
                if (ProcessHandle.of(other.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                int released = repo.releaseLeases(other.owner());
                repo.stopped(other.owner(), "gone", clock.instant());
                log.warn("Process {} stopped without saying so; released its {} claim(s)", other.owner(), released);
            }
            repo.insert(owner.id(), owner.host(), owner.pid(), clock.instant());
        });
    }

    public void hello(Instant at) {
        jdbi.useExtension(Repository.class, r -> r.hello(owner.id(), at));
    }

    /** Says this process is still alive, between Slack's hellos (which may be hours apart). */
    public void heartbeat() {
        jdbi.useExtension(Repository.class, r -> r.seen(owner.id(), clock.instant()));
    }

    /**
     * Beats every {@code every} on a thread of its own until the returned handle is closed. A beat
     * the store cannot take is skipped: the work queues already tell of the outage, once.
     */
    public AutoCloseable beatEvery(Duration every) {
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        beats.scheduleWithFixedDelay(
                () -> {
                    try {
                        heartbeat();
                    } catch (RuntimeException e) {
                        log.debug("Heartbeat not stored: {}", e.toString());
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return beats::shutdownNow;
    }

    public void stopped() {
        jdbi.useExtension(Repository.class, r -> r.stopped(owner.id(), "stopped", clock.instant()));
    }

    /**
     * Every process that has not said it stopped (on any host), newest first, then the last
     * {@code stopped} that did; reads only.
     */
    public static List<Process> listed(Jdbi jdbi, int stopped) {
        return jdbi.withExtension(Repository.class, r -> {
            List<Process> all = new ArrayList<>(r.running());
            all.addAll(r.latestStopped(stopped));
            return all;
        });
    }
}
