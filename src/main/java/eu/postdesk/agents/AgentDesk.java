package eu.postdesk.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.mailets.quoting.QuotedHistory;
import eu.postdesk.outbound.Letter;
import eu.postdesk.outbound.Outbox;
import eu.postdesk.pipeline.IncomingMail;
import eu.postdesk.pipeline.Outcomes;
import eu.postdesk.spool.Spool;
import eu.postdesk.tickets.MessageContent;
import eu.postdesk.tickets.Messages;
import eu.postdesk.tickets.PrivacyReport;
import eu.postdesk.tickets.ReplyAddress;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.Tickets;

/**
 * An agent's answer to a ticket: recorded on the ticket as outbound and relayed to the customer
 * (at the ticket's reply address, where the acknowledgement went too) from the support address,
 * continuing the customer's thread. The agent's own address never reaches the customer, and
 * neither does the notification the agent quoted.
 */
@Component
public class AgentDesk {
    private final Agents agents;
    private final Tickets tickets;
    private final Messages messages;
    private final Outbox outbox;
    private final Outcomes outcomes;
    private final Spool spool;
    private final ReplyAddress replyAddress;
    private final PostdeskProperties properties;
    private final TransactionTemplate transaction;
    private final QuotedHistory quotedHistory = QuotedHistory.withDefaults();
    private final AgentVerification verification;
    private final RefusedAnswers refused;

    public AgentDesk(Agents agents, Tickets tickets, Messages messages, Outbox outbox, Outcomes outcomes, Spool spool,
                     ReplyAddress replyAddress, PostdeskProperties properties, TransactionTemplate transaction,
                     AgentVerification verification, RefusedAnswers refused) {
        this.verification = verification;
        this.refused = refused;
        this.agents = agents;
        this.tickets = tickets;
        this.messages = messages;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.spool = spool;
        this.replyAddress = replyAddress;
        this.properties = properties;
        this.transaction = transaction;
    }

    public void answer(Mail mail) throws MessagingException {
        long spoolId = IncomingMail.spoolId(mail);
        MessageContent content = MessageContent.of(mail.getMessage());
        Optional<Ticket> ticket = mail.getRecipients().stream().map(MailAddress::asString)
                .map(replyAddress::ticketOf).flatMap(Optional::stream).findFirst().flatMap(tickets::byNumber);
        if (ticket.isEmpty()) {
            outcomes.drop(spoolId, content.from(), "answer to a reply address whose ticket does not exist", null);
            return;
        }
        AgentVerification.Verdict verdict = verification.check(mail, ticket.get(), content);
        if (!verdict.passed()) {
            refused.refuse(spoolId, ticket.get(), content.from(), verdict);
            return;
        }
        Optional<String> customer = ticket.get().customerReplyAddress();
        if (customer.isEmpty()) {
            tickets.recordEvent(ticket.get().id(), "answer-not-sent",
                    "an agent answered, but the customer gave no address we can write to; the answer was not relayed");
            outcomes.drop(spoolId, content.from(), "answer to ticket " + ticket.get().number() + ": the customer has no address we can write to", ticket.get().id());
            return;
        }
        relay(ticket.get(), customer.get(), content, spoolId);
    }

    private void relay(Ticket ticket, String customer, MessageContent content, long spoolId) {
        String answer = content.text() != null ? quotedHistory.newText(content.text())
                : content.html() != null ? quotedHistory.newTextFromHtml(content.html()) : "";
        answer = withoutAddress(answer, content.from());
        String support = properties.primarySupportAddress();
        List<String> thread = messages.inboundMessageIds(ticket.id());
        String subject = "Re: [#" + ticket.number() + "] " + ticket.subject();
        String body = answer;
        transaction.executeWithoutResult(status -> {
            try {
                Letter letter = Letter.of("relay", ticket.number(), properties.effectiveReplyDomain());
                letter.from(support, null, support)
                        .to(customer)
                        .subject(subject)
                        .threadedTo(thread.isEmpty() ? null : thread.get(thread.size() - 1), new ArrayList<>(thread))
                        .text(body);
                MimeMessage message = letter.build();
                messages.store(new Messages.NewMessage(ticket.id(), spoolId, "outbound", letter.messageId(), support,
                        customer, subject, java.time.Instant.now(), null, body, body, null, false,
                        PrivacyReport.none().toJson()));
                outbox.enqueue("relay", ticket.id(), support, customer, message);
                tickets.rememberMessageId(ticket.id(), letter.messageId());
                tickets.rememberMessageId(ticket.id(), content.messageId());
                tickets.touch(ticket.id());
                spool.settle(spoolId, "relayed", "answer on ticket " + ticket.number());
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot write the relayed answer: " + e.getMessage(), e);
            }
        });
    }

    /** The agent's private address must not reach the customer, not even in a signature. */
    private static String withoutAddress(String text, String address) {
        if (address == null || text == null) {
            return text;
        }
        return Pattern.compile(Pattern.quote(address), Pattern.CASE_INSENSITIVE).matcher(text).replaceAll("");
    }
}
