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

    public List<Map<String, Object>> entries() {
        return jdbc.query("select id, at, who, role, message_id, reason from privacy_audit order by id", (rs, n) -> Map.of(
                "id", rs.getLong("id"), "at", rs.getTimestamp("at").toInstant().toString(), "who", rs.getString("who"),
                "role", rs.getString("role"), "messageId", rs.getLong("message_id"), "reason", rs.getString("reason")));
    }
}
