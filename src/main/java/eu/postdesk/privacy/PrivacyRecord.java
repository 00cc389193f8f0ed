package eu.postdesk.privacy;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The privileged privacy actions (erasures, retention runs, holds) as records of the privacy audit
 * log, one small method each, so that the tamper-evident audit chain can take them over in one place.
 * Records name requests and counts, never an address.
 */
@Component
public class PrivacyRecord {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PrivacyRecord(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void erasure(String requestId, String by, int tickets) {
        write(by, "privacy-officer", "erasure " + requestId + " done: " + tickets + " ticket(s)");
    }

    public void retentionRun(long runId, int tickets) {
        write("retention", "timer", "retention run " + runId + ": " + tickets + " ticket(s) erased");
    }

    public void hold(String by, String what) {
        write(by, "privacy-officer", what);
    }

    private void write(String who, String role, String what) {
        // message_id 0: the record is about no single message
        jdbc.update("insert into privacy_audit (at, who, role, message_id, reason) values (?, ?, ?, 0, ?)",
                Timestamp.from(clock.instant()), who, role, what);
    }
}
