package eu.postdesk.pipeline;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import eu.postdesk.mailets.PostdeskAttributes;

/** Drops a message with the authentication verdict RecordAuthentication recorded as its reason, so that a test can read it. */
public class DropWithVerdict extends GenericMailet {
    private final Outcomes outcomes;

    public DropWithVerdict(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void service(Mail mail) {
        String verdict = mail.getAttribute(PostdeskAttributes.AUTHENTICATION).map(a -> String.valueOf(a.getValue().value())).orElse("unrecorded");
        outcomes.drop(IncomingMail.spoolId(mail), IncomingMail.sender(mail), "authentication: " + verdict, null);
        mail.setState(Mail.GHOST);
    }
}
