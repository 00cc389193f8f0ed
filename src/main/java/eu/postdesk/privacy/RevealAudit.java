package eu.postdesk.privacy;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The record of every look at a sealed original: who, when, which message, why; kept in the {@link AuditTrail}. */
@Component
public class RevealAudit {
    private final AuditTrail trail;

    public RevealAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(String who, String role, long messageId, String reason) {
        trail.record(AuditTrail.REVEAL, who, role, "message " + messageId, reason);
    }

    /** A look at the sealed original of mail that was dropped, not filed (a refused agent answer), by its spool id. */
    public void recordDropped(String who, String role, long spoolId, String reason) {
        trail.record(AuditTrail.REVEAL, who, role, "spool " + spoolId, reason);
    }

    public List<Map<String, Object>> entries() {
        return trail.entries();
    }
}
