package eu.postdesk.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.spool.Spool;
import eu.postdesk.spool.SpooledMail;

/**
 * The two ends of the chain besides filing: quarantine (the pipeline could not file the message)
 * and drop (the message is deliberately not filed). Each records its reason together with the
 * spool's outcome, so that nothing leaves the spool silently.
 */
@Component
public class Outcomes {
    private final JdbcTemplate jdbc;
    private final Spool spool;
    private final TransactionTemplate transaction;

    public Outcomes(JdbcTemplate jdbc, Spool spool, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.spool = spool;
        this.transaction = transaction;
    }

    /** A quarantine entry as the API shows it. */
    public record Entry(long id, long spoolId, Instant receivedAt, String from, String reason) {
    }

    public void quarantine(long spoolId, String from, String reason) {
        record("quarantine", "quarantined", spoolId, from, reason, null);
    }

    public void drop(long spoolId, String from, String reason, Long ticketId) {
        record("dropped", "dropped", spoolId, from, reason, ticketId);
    }

    /** A drop whose original is kept sealed (an agent answer the gate refused): the privacy officer can still open it. */
    public void dropSealed(long spoolId, String from, String reason, Long ticketId) {
        record("dropped-sealed", "dropped", spoolId, from, reason, ticketId);
    }

    private void record(String table, String outcome, long spoolId, String from, String reason, Long ticketId) {
        String bounded = reason == null ? "no reason given" : reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        Instant received = spool.find(spoolId).map(SpooledMail::receivedAt).orElse(Instant.now());
        transaction.executeWithoutResult(status -> {
            if (table.equals("quarantine")) {
                jdbc.update("insert into quarantine (spool_id, received_at, from_address, reason) values (?, ?, ?, ?)",
                        spoolId, Timestamp.from(received), from, bounded);
                // kept for a retry, but only sealed: a quarantined message may be the one whose secrets were not masked
                spool.quarantine(spoolId, from, bounded);
            } else {
                jdbc.update("insert into dropped (spool_id, received_at, from_address, reason, ticket_id) values (?, ?, ?, ?, ?)",
                        spoolId, Timestamp.from(received), from, bounded, ticketId);
                if (table.equals("dropped-sealed")) {
                    spool.keepSealed(spoolId, from, outcome, bounded);
                } else {
                    spool.settle(spoolId, outcome, bounded);
                }
            }
        });
    }

    /**
     * Takes a message out of quarantine to run it through the chain again: its entry goes, and its
     * sealed bytes are opened into the spool as pending. Returns its spool id; empty when there is
     * no such entry or nothing left to retry.
     */
    public java.util.Optional<Long> release(long quarantineId) {
        return transaction.execute(status -> {
            List<Long> spoolIds = jdbc.queryForList("select spool_id from quarantine where id = ?", Long.class, quarantineId);
            if (spoolIds.isEmpty() || !spool.reopen(spoolIds.get(0))) {
                return java.util.Optional.<Long>empty();
            }
            jdbc.update("delete from quarantine where id = ?", quarantineId);
            return java.util.Optional.of(spoolIds.get(0));
        });
    }

    public List<Entry> quarantined() {
        return entries("quarantine");
    }

    public List<Entry> dropped() {
        return entries("dropped");
    }

    /** The spooled message a dropped entry is about; empty when there is no such entry. */
    public java.util.Optional<Long> spoolIdOfDropped(long droppedId) {
        return jdbc.queryForList("select spool_id from dropped where id = ?", Long.class, droppedId).stream().findFirst();
    }

    private List<Entry> entries(String table) {
        return jdbc.query("select id, spool_id, received_at, from_address, reason from " + table + " order by id",
                (rs, n) -> new Entry(rs.getLong("id"), rs.getLong("spool_id"), rs.getTimestamp("received_at").toInstant(),
                        rs.getString("from_address"), rs.getString("reason")));
    }
}
