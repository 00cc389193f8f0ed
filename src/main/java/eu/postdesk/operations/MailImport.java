package eu.postdesk.operations;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.pipeline.MailPipeline;
import eu.postdesk.pipeline.Replay;
import eu.postdesk.spool.Spool;
import eu.postdesk.spool.SpooledMail;

/**
 * Files old mail through the chain (bin/postdesk import): each item is spooled as if it had
 * arrived (so the same bytes twice are one message), marked imported (filed without an
 * acknowledgement and without notifying anyone) and run through the chain on the caller's thread,
 * one after the other, so that a reply finds the ticket its original opened. Each item of a source
 * ({@code mbox:/path}, {@code maildir:/path}, ...) is remembered under its key, so that running an
 * import again, or after an interruption, files nothing twice.
 */
@Component
public class MailImport {
    private static final Logger log = LoggerFactory.getLogger(MailImport.class);

    private final Spool spool;
    private final MailPipeline pipeline;
    private final JdbcTemplate jdbc;
    private final PostdeskProperties properties;
    private final Clock clock;

    MailImport(Spool spool, MailPipeline pipeline, JdbcTemplate jdbc, PostdeskProperties properties, Clock clock) {
        this.spool = spool;
        this.pipeline = pipeline;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    public record Item(String key, byte[] raw) {
    }

    /** How a batch went: filed now, imported before, refused (with the item's key and what was wrong). */
    public record Result(int imported, int already, List<String> refused) {
    }

    /** The keys of a source's items imported so far: an import resumes after them. */
    public List<String> done(String source) {
        return jdbc.queryForList("select item_key from imported_mail where source = ? order by item_key", String.class, source);
    }

    public Result file(String source, List<Item> items) {
        int imported = 0;
        int already = 0;
        List<String> refused = new ArrayList<>();
        long limit = properties.getSmtp().getMaxMessageSize().toBytes();
        for (Item item : items) {
            if (jdbc.queryForObject("select count(*) from imported_mail where source = ? and item_key = ?", Integer.class, source, item.key()) > 0) {
                already++;
                continue;
            }
            byte[] raw = crlf(item.raw());
            if (raw.length == 0 || raw.length > limit) {
                refused.add(item.key() + ": " + (raw.length == 0 ? "empty" : "larger than postdesk.smtp.max-message-size"));
                continue;
            }
            try {
                SpooledMail spooled = spoolOne(raw);
                spool.markImported(spooled.id());
                try {
                    jdbc.update("insert into imported_mail (source, item_key, spool_id, imported_at) values (?, ?, ?, ?)",
                            source, item.key(), spooled.id(), Timestamp.from(clock.instant()));
                } catch (DuplicateKeyException concurrently) {
                    already++;
                    continue;
                }
                pipeline.processNow(spooled.id());
                imported++;
            } catch (IOException | RuntimeException e) {
                log.warn("an imported message could not be spooled: {}", e.getClass().getSimpleName());
                refused.add(item.key() + ": could not be spooled (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new Result(imported, already, refused);
    }

    private SpooledMail spoolOne(byte[] raw) throws IOException {
        Spool.IncomingFile file = spool.open();
        boolean committed = false;
        try {
            file.write(raw, 0, raw.length);
            SpooledMail spooled = spool.commit(file, Replay.envelopeSender(raw), List.of(properties.primarySupportAddress()));
            committed = true;
            return spooled;
        } finally {
            if (!committed) {
                spool.discard(file);
            }
        }
    }

    /** Lines end in CRLF, as over SMTP: mbox and maildir files keep them as bare LF. */
    public static byte[] crlf(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 40);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(raw[i]);
        }
        return out.toByteArray();
    }
}
