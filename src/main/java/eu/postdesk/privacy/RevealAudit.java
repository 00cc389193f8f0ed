package eu.postdesk.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The record of every look at a sealed original: who, when, which message, why. */
@Component
public class RevealAudit {
    private final JdbcTemplate jdbc;

    public RevealAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String who, String role, long messageId, String reason) {
        jdbc.update("insert into privacy_audit (at, who, role, message_id, reason) values (?, ?, ?, ?, ?)",
                Timestamp.from(Instant.now()), who, role, messageId, reason);
    }

    /** A look at the sealed original of mail that was dropped, not filed (a refused agent answer), by its spool id. */
    public void recordDropped(String who, String role, long spoolId, String reason) {
        jdbc.update("insert into privacy_audit (at, who, role, spool_id, reason) values (?, ?, ?, ?, ?)",
                Timestamp.from(Instant.now()), who, role, spoolId, reason);
    }

    public List<Map<String, Object>> entries() {
        return jdbc.query("select id, at, who, role, message_id, spool_id, reason from privacy_audit order by id", (rs, n) -> {
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("id", rs.getLong("id"));
            entry.put("at", rs.getTimestamp("at").toInstant().toString());
            entry.put("who", rs.getString("who"));
            entry.put("role", rs.getString("role"));
            entry.put("messageId", rs.getObject("message_id") == null ? null : rs.getLong("message_id"));
            entry.put("spoolId", rs.getObject("spool_id") == null ? null : rs.getLong("spool_id"));
            entry.put("reason", rs.getString("reason"));
            return entry;
        });
    }
}
