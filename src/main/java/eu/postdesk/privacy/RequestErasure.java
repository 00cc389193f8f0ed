package eu.postdesk.privacy;

import java.util.Locale;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import eu.postdesk.pipeline.IncomingMail;
import eu.postdesk.pipeline.Outcomes;
import eu.postdesk.tickets.MessageContent;

/**
 * A customer's request, by mail, to erase their data ({@link IsErasureRequest}): recorded awaiting
 * confirmation and answered with a one-time confirmation mail to the sender ({@link ErasureByMail});
 * the mail itself makes no ticket and is recorded as dropped, with why. Terminal.
 */
public class RequestErasure extends GenericMailet {
    private final ErasureByMail erasures;
    private final Outcomes outcomes;

    public RequestErasure(ErasureByMail erasures, Outcomes outcomes) {
        this.erasures = erasures;
        this.outcomes = outcomes;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        long spoolId = IncomingMail.spoolId(mail);
        String from = MessageContent.of(mail.getMessage()).from();
        if (from == null || !from.matches("[^@\\s]{1,200}@[^@\\s]{1,250}")) {
            outcomes.drop(spoolId, null, "erasure request without an address to confirm with: nothing done", null);
        } else {
            String customer = from.strip().toLowerCase(Locale.ROOT);
            erasures.request(customer);
            outcomes.drop(spoolId, customer, "erasure request by mail: awaiting the customer's confirmation", null);
        }
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "RequestErasure";
    }
}
