package eu.postdesk.tickets;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import eu.postdesk.mailets.PostdeskAttributes;

/**
 * The terminal mailet of the customer path: files the message into its ticket (new or existing),
 * queues the acknowledgement and the agent notifications, and ends the mail's way through the chain.
 * A message whose redaction did not finish ({@code postdesk.redaction.failed}) is not filed: it goes
 * to the error processor, and so to quarantine.
 *
 * <pre>{@code
 * <mailet match="All" class="FileIntoTicket">
 *     <acknowledge>true</acknowledge>   <!-- send the customer an acknowledgement for a new ticket -->
 *     <notify>true</notify>             <!-- notify the agents (postdesk.notify) -->
 * </mailet>
 * }</pre>
 */
public class FileIntoTicket extends GenericMailet {
    private final TicketDesk desk;
    private boolean acknowledge;
    private boolean notify;

    public FileIntoTicket(TicketDesk desk) {
        this.desk = desk;
    }

    @Override
    public void init() throws MessagingException {
        acknowledge = flag("acknowledge");
        notify = flag("notify");
    }

    private boolean flag(String name) throws MessagingException {
        String value = getInitParameter(name, "true").strip();
        if (!value.equals("true") && !value.equals("false")) {
            throw new MessagingException("FileIntoTicket: <" + name + "> must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(PostdeskAttributes.REDACTION_FAILED).map(a -> Boolean.TRUE.equals(a.getValue().value())).orElse(false)) {
            // fail closed: agents must never see a message whose redaction did not finish
            throw new MessagingException("redaction could not finish for this message; it is not filed so that agents never see it unredacted");
        }
        if (eu.postdesk.pipeline.DryRun.isOn(mail)) {
            eu.postdesk.pipeline.DryRun.report(mail, "ticket", (acknowledge ? "acknowledged" : "not acknowledged") + ", agents " + (notify ? "notified" : "not notified"));
            return;
        }
        // old mail brought in by an import: its customer was answered long ago, and agents know it
        boolean imported = mail.getAttribute(eu.postdesk.pipeline.IncomingMail.IMPORTED).isPresent();
        desk.file(mail, acknowledge && !imported, notify && !imported);
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "FileIntoTicket";
    }
}
