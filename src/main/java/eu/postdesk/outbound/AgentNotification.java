package eu.postdesk.outbound;

import java.util.List;

import jakarta.mail.MessagingException;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.tickets.MessageContent;
import eu.postdesk.tickets.ReplyAddress;
import eu.postdesk.tickets.Ticket;

/**
 * Tells an agent that a customer wrote: the message as agents may see it (redacted, without
 * trackers, quarantined attachments withheld), with {@code Reply-To} the ticket's reply address
 * so that the agent simply answers from their own mail client.
 */
@Component
public class AgentNotification {
    private final PostdeskProperties properties;
    private final ReplyAddress replyAddress;

    public AgentNotification(PostdeskProperties properties, ReplyAddress replyAddress) {
        this.properties = properties;
        this.replyAddress = replyAddress;
    }

    public Letter write(Ticket ticket, MessageContent message, String agent, boolean newTicket) throws MessagingException {
        String support = properties.primarySupportAddress();
        String customer = message.from() == null ? ticket.customer() : message.from();
        String text = (newTicket ? "New ticket" : "New message on ticket") + " [#" + ticket.number() + "] from " + customer + "\n"
                + "Answer by replying to this mail; your answer goes to the customer from " + support + ".\n"
                + "------------------------------------------------------------\n\n"
                + (message.text() == null ? "" : message.text());
        List<Letter.Enclosure> enclosures = message.attachments().stream()
                .filter(a -> !"quarantined".equals(a.fate()))
                .map(a -> new Letter.Enclosure(a.name(), a.contentType(), a.content()))
                .toList();
        Letter letter = Letter.of("notify", ticket.number(), properties.effectiveReplyDomain());
        letter.from(support, customer + " via Postdesk", support)
                .to(agent)
                .replyTo(replyAddress.of(ticket.number()))
                .subject("[#" + ticket.number() + "] " + ticket.subject())
                .header("Auto-Submitted", "auto-generated")
                .text(text)
                .enclosures(enclosures);
        return letter;
    }
}
