package eu.postdesk.pipeline;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Keeps a message {@link CheckSpam} judged spam in the spam box ({@link SpamBox}): no ticket, never
 * an acknowledgement (no backscatter to forged senders), sealed for {@code postdesk.spam.keep-for},
 * listed by {@code GET /api/spam} and released by an admin with {@code POST /api/spam/{id}/release}.
 * Terminal; belongs in the {@code spam} processor.
 *
 * <pre>{@code
 * <processor state="spam">
 *     <mailet match="All" class="KeepAsSpam"/>
 * </processor>
 * }</pre>
 */
public class KeepAsSpam extends GenericMailet {
    private final SpamBox spamBox;

    public KeepAsSpam(SpamBox spamBox) {
        this.spamBox = spamBox;
    }

    @Override
    public void service(Mail mail) {
        String verdict = mail.getAttribute(CheckSpam.VERDICT).map(a -> String.valueOf(a.getValue().value())).orElse(CheckSpam.REASON_PREFIX + "judged spam");
        String filter = mail.getAttribute(CheckSpam.FILTER).map(a -> String.valueOf(a.getValue().value())).orElse("unknown");
        spamBox.keep(IncomingMail.spoolId(mail), IncomingMail.sender(mail), filter, verdict);
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "KeepAsSpam";
    }
}
