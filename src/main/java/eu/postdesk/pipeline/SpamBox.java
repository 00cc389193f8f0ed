package eu.postdesk.pipeline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.spool.Spool;
import eu.postdesk.spool.SpooledMail;
import eu.postdesk.timers.JobLease;

/**
 * Where spam waits: no ticket, no acknowledgement, its raw bytes sealed under the sender's key for
 * {@code postdesk.spam.keep-for} (default 30 days), so that an admin can release a message the
 * filter got wrong; then its bytes and its entry are erased by a timer that runs on one node at a time.
 */
@Component
public class SpamBox {
    private static final Logger log = LoggerFactory.getLogger(SpamBox.class);

    private final JdbcTemplate jdbc;
    private final Spool spool;
    private final TransactionTemplate transaction;
    private final SpamSettings settings;
    private final Clock clock;
    private final JobLease lease;

    public SpamBox(JdbcTemplate jdbc, Spool spool, TransactionTemplate transaction, SpamSettings settings, Clock clock, JobLease lease) {
        this.jdbc = jdbc;
        this.spool = spool;
        this.transaction = transaction;
        this.settings = settings;
        this.clock = clock;
        this.lease = lease;
    }

    /** One kept message as {@code GET /api/spam} shows it. */
    public record Entry(long id, long spoolId, Instant receivedAt, String from, String filter, String verdict,
                        Instant keepUntil, Instant releasedAt) {
    }

    /** Keeps a message the filter judged spam, settling it in the spool in the same transaction. */
    public void keep(long spoolId, String from, String filter, String verdict) {
        Instant received = spool.find(spoolId).map(SpooledMail::receivedAt).orElse(clock.instant());
        String bounded = verdict.length() > 2000 ? verdict.substring(0, 2000) : verdict;
        transaction.executeWithoutResult(status -> {
            jdbc.update("insert into spam (spool_id, received_at, from_address, filter, verdict, keep_until) values (?, ?, ?, ?, ?, ?)",
                    spoolId, Timestamp.from(received), from, filter, bounded, Timestamp.from(clock.instant().plus(settings.keepFor())));
            spool.keepSealed(spoolId, from, "spam", bounded);
        });
    }

    /**
     * Releases a kept message to the pipeline: its sealed bytes are opened into the spool as
     * pending and it will skip the spam check. Returns its spool id; empty when there is no such
     * entry, it was released already, or nothing of it is left.
     */
    public Optional<Long> release(long id, String by) {
        return transaction.execute(status -> {
            List<Long> spoolIds = jdbc.queryForList("select spool_id from spam where id = ? and released_at is null", Long.class, id);
            if (spoolIds.isEmpty() || !spool.reopen(spoolIds.get(0))) {
                return Optional.<Long>empty();
            }
            jdbc.update("update spam set released_at = ?, released_by = ? where id = ?", Timestamp.from(clock.instant()), by, id);
            return Optional.of(spoolIds.get(0));
        });
    }

    /** Whether an admin released this spooled message from the spam box: it then skips the spam check. */
    public boolean wasReleased(long spoolId) {
        return jdbc.queryForObject("select count(*) from spam where spool_id = ? and released_at is not null", Integer.class, spoolId) > 0;
    }

    public List<Entry> entries() {
        return jdbc.query("select id, spool_id, received_at, from_address, filter, verdict, keep_until, released_at from spam order by id",
                (rs, n) -> new Entry(rs.getLong("id"), rs.getLong("spool_id"), rs.getTimestamp("received_at").toInstant(),
                        rs.getString("from_address"), rs.getString("filter"), rs.getString("verdict"),
                        rs.getTimestamp("keep_until").toInstant(),
                        rs.getTimestamp("released_at") == null ? null : rs.getTimestamp("released_at").toInstant()));
    }

    /** Erases the spam whose time is up (and the entries of released spam after the same time); returns how many. */
    public int eraseExpired() {
        Instant now = clock.instant();
        List<long[]> due = jdbc.query("select id, spool_id from spam where keep_until < ?",
                (rs, n) -> new long[] {rs.getLong("id"), rs.getLong("spool_id")}, Timestamp.from(now));
        for (long[] entry : due) {
            transaction.executeWithoutResult(status -> {
                if (!wasReleased(entry[1])) {
                    spool.eraseKept(entry[1]);
                }
                jdbc.update("delete from spam where id = ?", entry[0]);
            });
        }
        if (!due.isEmpty()) {
            log.info("erased {} spam message(s) kept longer than postdesk.spam.keep-for ({})", due.size(), settings.keepFor());
        }
        return due.size();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void eraseExpiredOnOneNode() {
        lease.runAlone("spam-erasure", Duration.ofMinutes(9), this::eraseExpired);
    }
}
