package eu.postdesk.privacy;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Opening a sealed original: only with a stated reason, and only once the look is recorded in the
 * audit log. The API ({@code GET /api/messages/{id}/original}) and the console both come here.
 */
@Component
public class OriginalReveal {
    public static final int MIN_REASON = 10;

    private final SealedOriginals originals;
    private final RevealAudit audit;

    public OriginalReveal(SealedOriginals originals, RevealAudit audit) {
        this.originals = originals;
        this.audit = audit;
    }

    public static boolean reasonGiven(String reason) {
        return reason != null && reason.strip().length() >= MIN_REASON;
    }

    /** The original, recorded as opened by {@code who} for {@code reason}; empty when none was kept (or its key was destroyed). */
    public Optional<SealedOriginals.Original> reveal(long messageId, String reason, String who, String role) {
        if (!reasonGiven(reason)) {
            throw new IllegalArgumentException("a reason of at least " + MIN_REASON + " characters is required");
        }
        Optional<SealedOriginals.Original> original = originals.open(messageId);
        if (original.isEmpty()) {
            return original;
        }
        try {
            audit.record(who, role, messageId, reason.strip());
        } catch (RuntimeException e) {
            try {
                original.get().content().close();
            } catch (java.io.IOException ignored) {
                // nothing was read from it
            }
            throw e;
        }
        return original;
    }
}
