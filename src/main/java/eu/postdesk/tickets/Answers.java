package eu.postdesk.tickets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.outbound.Letter;
import eu.postdesk.outbound.Outbox;

/**
 * Relays an agent's answer to the customer, the same for an answer by mail and through the API:
 * from the support address, continuing the customer's thread, stored on the ticket as outbound.
 * The agent's own address never reaches the customer, not even in a signature. Runs in the
 * caller's transaction ({@link TicketWork#answer}).
 */
@Component
public class Answers {
    private final Tickets tickets;
    private final Messages messages;
    private final Outbox outbox;
    private final PostdeskProperties properties;
    private final Clock clock;
    private final eu.postdesk.escalation.IncidentNotice incidentNotice;

    public Answers(Tickets tickets, Messages messages, Outbox outbox, PostdeskProperties properties, Clock clock,
                   eu.postdesk.escalation.IncidentNotice incidentNotice) {
        this.incidentNotice = incidentNotice;
        this.tickets = tickets;
        this.messages = messages;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Queues {@code text} for {@code customer}; {@code answerMessageId} is the agent's mail's Message-ID, if it came by mail. */
    public void relay(Ticket ticket, String customer, String text, String agent, Long spoolId, String answerMessageId) {
        // the first answer after the ticket became an incident says so, whichever door it came through
        String body = incidentNotice.mentionOnce(ticket, withoutAddress(text, agent));
        String support = properties.primarySupportAddress();
        List<String> thread = messages.inboundMessageIds(ticket.id());
        String subject = "Re: [#" + ticket.number() + "] " + ticket.subject();
        try {
            Letter letter = Letter.of("relay", ticket.number(), properties.effectiveReplyDomain());
            letter.from(support, null, support)
                    .to(customer)
                    .subject(subject)
                    .threadedTo(thread.isEmpty() ? null : thread.get(thread.size() - 1), new ArrayList<>(thread))
                    .text(body);
            MimeMessage message = letter.build();
            messages.store(new Messages.NewMessage(ticket.id(), spoolId, "outbound", letter.messageId(), support,
                    customer, subject, clock.instant(), null, body, body, null, false, PrivacyReport.none().toJson()));
            outbox.enqueue("relay", ticket.id(), support, customer, message);
            tickets.rememberMessageId(ticket.id(), letter.messageId());
            tickets.rememberMessageId(ticket.id(), answerMessageId);
            tickets.touch(ticket.id());
        } catch (MessagingException e) {
            // not e.getMessage(): an AddressException's text quotes the customer's address
            throw new IllegalStateException("cannot write the relayed answer (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The agent's private address must not reach the customer, not even in a signature. */
    static String withoutAddress(String text, String address) {
        if (address == null || text == null || !address.contains("@")) {
            return text; // an API token's name is no address
        }
        return Pattern.compile(Pattern.quote(address), Pattern.CASE_INSENSITIVE).matcher(text).replaceAll("");
    }
}
