package eu.postdesk.timers;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets a timer (auto-close, breaches, retention) run on one node at a time, even with several nodes
 * on one database: a job runs only while this node holds its lease, a row in {@code job_leases}
 * taken by an update that succeeds only when the lease is free, expired or already ours. Not a JVM
 * lock, so two servers on one database never run the same job at once.
 */
@Component
public class JobLease {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    public JobLease(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Runs {@code job} if this node can take the lease named {@code name} for {@code atMost}; true if it ran. */
    public boolean runAlone(String name, Duration atMost, Runnable job) {
        if (!take(name, atMost)) {
            return false;
        }
        try {
            job.run();
            return true;
        } finally {
            jdbc.update("update job_leases set holder = null, leased_until = null where name = ? and holder = ?", name, holder);
        }
    }

    /** Takes the lease if it is free, expired or ours; true when this node now holds it. */
    public boolean take(String name, Duration atMost) {
        Instant now = clock.instant();
        Timestamp until = Timestamp.from(now.plus(atMost));
        if (jdbc.queryForObject("select count(*) from job_leases where name = ?", Integer.class, name) == 0) {
            try {
                jdbc.update("insert into job_leases (name, holder, leased_until) values (?, null, null)", name);
            } catch (org.springframework.dao.DuplicateKeyException racedByAnotherNode) {
                // the row exists now; the update below decides who holds it
            }
        }
        return jdbc.update("update job_leases set holder = ?, leased_until = ? where name = ?"
                + " and (holder is null or holder = ? or leased_until < ?)", holder, until, name, holder, Timestamp.from(now)) == 1;
    }
}
