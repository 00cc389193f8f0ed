package eu.postdesk.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.mailets.PostdeskAttributes;
import eu.postdesk.spool.Spool;
import eu.postdesk.spool.SpooledMail;

/**
 * Asks the spam filter about a message — rspamd ({@code postdesk.spam.rspamd-url}) or SpamAssassin's
 * spamd ({@code postdesk.spam.spamd-address}) — and puts its verdict in an {@code X-Spam-Status}
 * header and in the attributes {@link #VERDICT} and {@link #FILTER}; for spam it sets {@link #SPAM}
 * (for {@link IsSpam}). Without a configured filter it does nothing (one log line at start says so).
 * A message an admin released from the spam box is not asked about again.
 *
 * <p>A filter that is down never loses mail and never holds a pipeline worker: the message goes back
 * to the spool and is taken again after a pause that grows with its wait (1 s up to 1 min), and once
 * it has waited {@code postdesk.spam.pass-unchecked-after} it passes with {@code X-Spam-Status: Unchecked}.
 *
 * <pre>{@code
 * <mailet match="All" class="CheckSpam"/>
 * <mailet match="IsSpam" class="ToProcessor"><processor>spam</processor></mailet>
 * }</pre>
 */
public class CheckSpam extends GenericMailet {
    private static final Logger log = LoggerFactory.getLogger(CheckSpam.class);
    public static final AttributeName SPAM = AttributeName.of("postdesk.spam");
    public static final AttributeName VERDICT = AttributeName.of("postdesk.spam.verdict");
    public static final AttributeName FILTER = AttributeName.of("postdesk.spam.filter");
    /** How the reason recorded for spam begins. */
    public static final String REASON_PREFIX = "spam: ";
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    private final SpamSettings settings;
    private final SpamFilter filter;
    private final Spool spool;
    private final SpamBox spamBox;
    private final Clock clock;
    private final Path scratch;

    public CheckSpam(Rspamd rspamd, Spamd spamd, Spool spool, SpamBox spamBox, Clock clock, PostdeskProperties properties) {
        this.settings = rspamd.settings();
        this.filter = rspamd.configured() ? rspamd : spamd.configured() ? spamd : null;
        this.spool = spool;
        this.spamBox = spamBox;
        this.clock = clock;
        this.scratch = properties.getDataDir().resolve("incoming");
    }

    @Override
    public void init() {
        if (filter == null) {
            log.info("spam check off: neither postdesk.spam.rspamd-url nor postdesk.spam.spamd-address is set");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (filter == null) {
            return;
        }
        long spoolId = IncomingMail.spoolId(mail);
        if (spamBox.wasReleased(spoolId)) {
            mark(mail, "No, released from the spam box by an admin");
            return;
        }
        SpamVerdict verdict;
        try {
            verdict = check(mail);
        } catch (IOException down) {
            Duration waited = spool.find(spoolId).map(SpooledMail::receivedAt)
                    .map(received -> Duration.between(received, clock.instant())).orElse(Duration.ZERO);
            if (waited.compareTo(settings.passUncheckedAfter()) >= 0) {
                log.warn("spam filter unavailable for longer than postdesk.spam.pass-unchecked-after ({}): spooled message {} passes unchecked",
                        settings.passUncheckedAfter(), spoolId);
                mark(mail, "Unchecked, the filter was unavailable");
                return;
            }
            Duration pause = waited.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                    : waited.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : waited;
            log.info("spam filter unavailable ({}), spooled message {} waits {}", down.getClass().getSimpleName(), spoolId, pause);
            throw new MessagingException("the spam filter is unavailable", new WaitForFilter("the spam filter", pause));
        }
        log.debug("spooled message {}: {}", spoolId, verdict.status());
        mark(mail, verdict.status());
        mail.setAttribute(new Attribute(FILTER, AttributeValue.of(verdict.filter())));
        mail.setAttribute(new Attribute(VERDICT, AttributeValue.of(verdict.reason())));
        if (verdict.spam()) {
            mail.setAttribute(new Attribute(SPAM, AttributeValue.of(true)));
            // for a chain that drops spam (IsSpam + DropNoise) instead of keeping it
            mail.setAttribute(new Attribute(PostdeskAttributes.NOISE_REASON, AttributeValue.of(verdict.reason())));
        }
    }

    private static void mark(Mail mail, String status) throws MessagingException {
        mail.getMessage().setHeader("X-Spam-Status", status);
        eu.postdesk.mailets.mime.MessageChanges.save(mail.getMessage());
    }

    private SpamVerdict check(Mail mail) throws IOException, MessagingException {
        Path file = null;
        try {
            // the message goes to the filter from a file, not from memory; the copy ends with this check
            file = Files.createTempFile(scratch, "spam-check-", ".eml");
            try (OutputStream out = Files.newOutputStream(file)) {
                mail.getMessage().writeTo(out);
            }
            List<String> recipients = mail.getRecipients().stream().map(Object::toString).toList();
            String sender = mail.getMaybeSender().asOptional().map(Object::toString).orElse(null);
            return filter.check(file, sender, recipients);
        } finally {
            if (file != null) {
                eu.postdesk.DataFiles.deleteQuietly(file);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "CheckSpam";
    }
}
