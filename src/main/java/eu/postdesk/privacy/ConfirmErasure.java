package eu.postdesk.privacy;

import java.util.Locale;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.postdesk.pipeline.IncomingMail;
import eu.postdesk.pipeline.Outcomes;
import eu.postdesk.tickets.MessageContent;

/**
 * An answer to an erasure confirmation address: recorded as dropped, then, when its token is
 * genuine, unused and unexpired and it comes from the address that asked, the erasure runs (and
 * erases this mail's own traces with the rest). A forged, expired or reused token does nothing but
 * leave the dropped record saying so. Terminal.
 */
public class ConfirmErasure extends GenericMailet {
    private static final Logger log = LoggerFactory.getLogger(ConfirmErasure.class);

    private final ErasureByMail erasures;
    private final Outcomes outcomes;

    public ConfirmErasure(ErasureByMail erasures, Outcomes outcomes) {
        this.erasures = erasures;
        this.outcomes = outcomes;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        long spoolId = IncomingMail.spoolId(mail);
        String from = MessageContent.of(mail.getMessage()).from();
        String sender = from == null ? null : from.strip().toLowerCase(Locale.ROOT);
        String recipient = mail.getRecipients().stream().map(MailAddress::asString).findFirst().orElse(null);
        ErasureByMail.Answer answer = erasures.peek(recipient, sender);
        outcomes.drop(spoolId, sender, "answer to an erasure confirmation address: " + answer.name().toLowerCase(Locale.ROOT).replace('_', ' '), null);
        if (answer == ErasureByMail.Answer.CONFIRMED) {
            answer = erasures.answer(recipient, sender);
        }
        log.info("answer to an erasure confirmation address (spool {}): {}", spoolId, answer);
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "ConfirmErasure";
    }
}
