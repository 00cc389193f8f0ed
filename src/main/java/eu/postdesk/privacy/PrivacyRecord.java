package eu.postdesk.privacy;

import org.springframework.stereotype.Component;

/**
 * The privileged privacy actions (erasures, retention runs, holds) as records of the tamper-evident
 * {@link AuditTrail}, one small method each. Records name requests and counts, never an address; an
 * erased person's earlier records lose their free texts ({@link #forget}) while the chain stays whole.
 */
@Component
public class PrivacyRecord {
    private final AuditTrail trail;

    public PrivacyRecord(AuditTrail trail) {
        this.trail = trail;
    }

    public void erasure(String requestId, String by, int tickets) {
        trail.record(AuditTrail.ERASURE, by, "privacy-officer", "erasure " + requestId, "erasure done: " + tickets + " ticket(s)");
    }

    public void retentionRun(long runId, int tickets) {
        trail.record(AuditTrail.RETENTION_RUN, "retention", "timer", "retention run " + runId, tickets + " ticket(s) erased");
    }

    public void hold(String by, String what) {
        trail.record(AuditTrail.HOLD, by, "privacy-officer", "legal hold", what);
    }

    /** Blanks the free texts of every audit record about this person (kept there only as a keyed hash). */
    public void forget(String address) {
        trail.forget(trail.person(address));
    }
}
