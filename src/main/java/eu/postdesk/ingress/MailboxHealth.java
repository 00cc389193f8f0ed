package eu.postdesk.ingress;

import java.time.Instant;
import java.util.List;

/**
 * A read-only view of each polled mailbox, for {@code GET /api/pipeline} and a health indicator:
 * the mailbox's name, protocol and state, when it last synced, its last error (a fixed phrase,
 * never the server's text, never a password or token), and its backlog.
 */
public interface MailboxHealth {
    List<Mailbox> mailboxes();

    /** True when every mailbox's last attempt succeeded (and when there are none). */
    default boolean healthy() {
        return mailboxes().stream().allMatch(m -> m.lastError() == null);
    }

    /**
     * One mailbox: {@code state} is connecting, idle (IMAP IDLE), polling, importing or failing;
     * {@code backlog} is what its server held that was not yet imported at the last look;
     * {@code imported} counts what it handed over since it was first configured.
     */
    record Mailbox(String name, String protocol, String state, Instant lastSyncAt, String lastError, Instant lastErrorAt,
            long backlog, long imported, long refused) {
        public java.util.Map<String, Object> asMap() {
            var out = new java.util.LinkedHashMap<String, Object>();
            out.put("name", name);
            out.put("protocol", protocol);
            out.put("state", state);
            out.put("lastSyncAt", lastSyncAt == null ? null : lastSyncAt.toString());
            out.put("lastError", lastError);
            out.put("lastErrorAt", lastErrorAt == null ? null : lastErrorAt.toString());
            out.put("backlog", backlog);
            out.put("imported", imported);
            out.put("refused", refused);
            return out;
        }
    }
}
