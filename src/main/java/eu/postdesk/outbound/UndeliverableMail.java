package eu.postdesk.outbound;

import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.agents.Agents;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.Tickets;

/**
 * An outgoing mail the relay will not take: marked {@code failed}, recorded on its ticket, and,
 * when it was meant for the customer, shown to the agents by a notice, so that somebody learns
 * the customer never got it. There are no assignees yet, so the notice goes where notifications go.
 *
 * <p>Only mail for the customer (acknowledgements, relayed answers) causes a notice: a notification
 * or a notice that cannot be delivered is recorded and nothing more, so a relay that refuses
 * everything ends the chain after one round instead of looping.
 */
@Component
public class UndeliverableMail {
    private static final String NOTICE = "undeliverable";
    private static final Set<String> FOR_THE_CUSTOMER = Set.of("ack", "relay");
    private static final Logger log = LoggerFactory.getLogger(UndeliverableMail.class);

    private final Outbox outbox;
    private final Tickets tickets;
    private final Agents agents;
    private final PostdeskProperties properties;
    private final TransactionTemplate transaction;

    public UndeliverableMail(Outbox outbox, Tickets tickets, Agents agents, PostdeskProperties properties,
                             TransactionTemplate transaction) {
        this.outbox = outbox;
        this.tickets = tickets;
        this.agents = agents;
        this.properties = properties;
        this.transaction = transaction;
    }

    /** Gives up on one outbox row for the reason given (which names no address). */
    public void giveUp(Outbox.Delivery delivery, String why) {
        log.warn("outbox mail {} ({}) not delivered for good after {} attempts: {}", delivery.id(), delivery.kind(),
                delivery.attempts() + 1, why);
        transaction.executeWithoutResult(status -> {
            outbox.failed(delivery.id(), why);
            Optional<Ticket> ticket = delivery.ticketId() == null ? Optional.empty() : tickets.byId(delivery.ticketId());
            if (ticket.isEmpty()) {
                return;
            }
            tickets.recordEvent(ticket.get().id(), "delivery-failed", what(delivery.kind()) + " could not be delivered: " + why);
            if (FOR_THE_CUSTOMER.contains(delivery.kind())) {
                notifyAgents(ticket.get(), delivery.kind(), why);
            }
        });
    }

    private void notifyAgents(Ticket ticket, String kind, String why) {
        String support = properties.primarySupportAddress();
        for (String agent : agents.notificationRecipients()) {
            try {
                Letter letter = Letter.of("undeliverable", ticket.number(), properties.effectiveReplyDomain());
                letter.from(support, "Postdesk", support)
                        .to(agent)
                        .subject("[#" + ticket.number() + "] Undeliverable to the customer: " + ticket.subject())
                        .header("Auto-Submitted", "auto-generated")
                        .text(capitalised(what(kind)) + " on ticket [#" + ticket.number() + "] did not reach the customer: "
                                + why + ".\nThe relay will not take it, so it is not tried again. The customer's address may be"
                                + " wrong; see the ticket's messages and events.\n");
                outbox.enqueue(NOTICE, ticket.id(), support, agent, letter.build());
                tickets.rememberMessageId(ticket.id(), letter.messageId());
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot write the notice of an undeliverable mail", e);
            }
        }
    }

    private static String what(String kind) {
        return switch (kind) {
            case "ack" -> "the acknowledgement to the customer";
            case "relay" -> "an agent's answer to the customer";
            case "notification" -> "a notification to an agent";
            case NOTICE -> "a notice of undeliverable mail to an agent";
            default -> "an outgoing mail (" + kind + ")";
        };
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
