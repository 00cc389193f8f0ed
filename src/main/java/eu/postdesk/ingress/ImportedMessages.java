package eu.postdesk.ingress;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each polled mailbox has already handed over (table {@code mailbox_imports}): IMAP messages by
 * UIDVALIDITY and UID, POP3 ones by UIDL. A message is recorded once it is durably spooled, so a
 * reconnect or a restart neither imports it again nor skips it.
 */
@Component
public class ImportedMessages {
    static final String POP3 = "pop3";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ImportedMessages(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The keys (UIDs or UIDLs) known for this mailbox under this folder key (a UIDVALIDITY, or {@code pop3}). */
    Set<String> known(String mailbox, String folderKey) {
        return new HashSet<>(jdbc.queryForList("select message_key from mailbox_imports where mailbox = ? and folder_key = ?",
                String.class, mailbox, folderKey));
    }

    /** Records a spooled message; recording it twice is harmless. */
    void record(String mailbox, String folderKey, String messageKey, Long spoolId) {
        try {
            jdbc.update("insert into mailbox_imports (mailbox, folder_key, message_key, spool_id, imported_at) values (?, ?, ?, ?, ?)",
                    mailbox, folderKey, messageKey, spoolId, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException already) {
            // recorded by an earlier pass whose after-import step did not finish
        }
    }

    /** How many messages this mailbox has handed over, under every UIDVALIDITY. */
    public long count(String mailbox) {
        return jdbc.queryForObject("select count(*) from mailbox_imports where mailbox = ?", Long.class, mailbox);
    }
}
