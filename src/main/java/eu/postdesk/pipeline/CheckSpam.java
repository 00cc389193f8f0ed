package eu.postdesk.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Asks the spam filter (rspamd, {@code postdesk.spam.rspamd-url}) about a message, puts its verdict
 * in an {@code X-Spam-Status} header and, for spam, sets {@link #SPAM} (for {@link IsSpam}) and the
 * drop reason. Without a configured filter it does nothing (one log line at start says so). A
 * filter that is down never loses mail: the message waits, retried with a doubling pause, and after
 * {@code postdesk.spam.pass-unchecked-after} passes with {@code X-Spam-Status: Unchecked}.
 *
 * <pre>{@code
 * <mailet match="All" class="CheckSpam"/>
 * <mailet match="IsSpam" class="DropNoise"><reason>spam</reason></mailet>
 * }</pre>
 */
public class CheckSpam extends GenericMailet {
    private static final Logger log = LoggerFactory.getLogger(CheckSpam.class);
    public static final AttributeName SPAM = AttributeName.of("postdesk.spam");
    /** How the drop reason of spam begins; {@code GET /api/spam} lists the drops that carry it. */
    public static final String REASON_PREFIX = "spam: ";

    private final Rspamd rspamd;
    private final Path scratch;

    public CheckSpam(Rspamd rspamd, PostdeskProperties properties) {
        this.rspamd = rspamd;
        this.scratch = properties.getDataDir().resolve("incoming");
    }

    @Override
    public void init() {
        if (!rspamd.settings().configured()) {
            log.info("spam check off: postdesk.spam.rspamd-url is not set");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!rspamd.settings().configured()) {
            return;
        }
        Rspamd.Verdict verdict = verdictWaitingForTheFilter(mail);
        if (verdict == null) {
            mail.getMessage().setHeader("X-Spam-Status", "Unchecked, the filter was unavailable");
            eu.postdesk.mailets.mime.MessageChanges.save(mail.getMessage());
            return;
        }
        log.debug("spooled message {}: {}", IncomingMail.spoolId(mail), verdict.status());
        mail.getMessage().setHeader("X-Spam-Status", verdict.status());
        eu.postdesk.mailets.mime.MessageChanges.save(mail.getMessage());
        if (verdict.spam()) {
            mail.setAttribute(new Attribute(SPAM, AttributeValue.of(true)));
            mail.setAttribute(new Attribute(PostdeskAttributes.NOISE_REASON,
                    AttributeValue.of(REASON_PREFIX + "rspamd action '" + verdict.action() + "', score " + verdict.score() + " of " + verdict.requiredScore())));
        }
    }

    /** The verdict, or null once the filter has been down for longer than the bound. */
    private Rspamd.Verdict verdictWaitingForTheFilter(Mail mail) throws MessagingException {
        long deadline = System.nanoTime() + rspamd.settings().passUncheckedAfter().toNanos();
        Duration pause = Duration.ofSeconds(1);
        Path file = null;
        try {
            // the message goes to rspamd from a file, not from memory; the copy ends with this check
            file = Files.createTempFile(scratch, "spam-check-", ".eml");
            try (OutputStream out = Files.newOutputStream(file)) {
                mail.getMessage().writeTo(out);
            }
            List<String> recipients = mail.getRecipients().stream().map(Object::toString).toList();
            String sender = mail.getMaybeSender().asOptional().map(Object::toString).orElse(null);
            while (true) {
                try {
                    return rspamd.check(file, sender, recipients);
                } catch (IOException down) {
                    if (System.nanoTime() + pause.toNanos() > deadline) {
                        log.warn("spam filter unavailable for longer than postdesk.spam.pass-unchecked-after ({}): spooled message {} passes unchecked",
                                rspamd.settings().passUncheckedAfter(), IncomingMail.spoolId(mail));
                        return null;
                    }
                    log.info("spam filter unavailable ({}), spooled message {} waits {}", down.toString(), IncomingMail.spoolId(mail), pause);
                    Thread.sleep(pause.toMillis());
                    pause = pause.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : pause.multipliedBy(2);
                }
            }
        } catch (IOException e) {
            throw new MessagingException("cannot hand the message to the spam filter: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for the spam filter");
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
