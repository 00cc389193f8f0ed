package eu.postdesk.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.agents.Agents;
import eu.postdesk.outbound.Letter;
import eu.postdesk.outbound.Outbox;
import eu.postdesk.tickets.ReplyAddress;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.Tickets;

/**
 * Escalation lines: when a ticket moves to another line (whichever door moved it), the agents of
 * the new line (and the assignee) are told, with the ticket's redacted summary and its reply
 * address; from then on the ticket's notifications go to that line ({@link Agents#notificationRecipients(Ticket)}).
 * Moving to line 3 (or to management) also tells {@code postdesk.escalation.management}: before
 * the third line, management decides whether it must know.
 */
@Component
public class LineEscalation {
    private final Tickets tickets;
    private final Agents agents;
    private final Outbox outbox;
    private final TicketSummary summary;
    private final ReplyAddress replyAddress;
    private final PostdeskProperties properties;

    public LineEscalation(Tickets tickets, Agents agents, Outbox outbox, TicketSummary summary, ReplyAddress replyAddress,
                          PostdeskProperties properties) {
        this.tickets = tickets;
        this.agents = agents;
        this.outbox = outbox;
        this.summary = summary;
        this.replyAddress = replyAddress;
        this.properties = properties;
    }

    @EventListener
    public void lineChanged(TicketChange change) {
        if (!"line".equals(change.field()) || String.valueOf(change.oldValue()).equals(change.newValue())) {
            return;
        }
        Ticket ticket = tickets.byId(change.ticket().id()).orElseThrow();
        String who = change.actor() + " (" + change.channel() + ")";
        String head = "Ticket [#" + ticket.number() + "] was moved from line " + change.oldValue() + " to line " + change.newValue() + " by " + who + ".\n";
        List<String> told = new ArrayList<>();
        for (String agent : agents.notificationRecipients(ticket)) {
            send("escalation", ticket, agent, "[#" + ticket.number() + "] Escalated to line " + change.newValue() + ": " + ticket.subject(),
                    head + "Answer by replying to this mail; your answer goes to the customer from " + properties.primarySupportAddress() + ".\n", true);
            told.add(agent);
        }
        List<String> management = List.of();
        if ("3".equals(change.newValue()) || "management".equals(change.newValue())) {
            management = properties.getEscalation().getManagement();
            for (String address : management) {
                send("management", ticket, address.toLowerCase(Locale.ROOT),
                        "[#" + ticket.number() + "] For management: moved to line " + change.newValue() + ": " + ticket.subject(),
                        head + "Management is told before the third line works a ticket: decide whether you must follow it.\n"
                                + "Ticket: " + properties.getIncident().getLink().replace("{number}", Long.toString(ticket.number())) + "\n", false);
            }
        }
        tickets.recordEvent(ticket.id(), "escalation", "line " + change.oldValue() + " -> " + change.newValue() + " by " + who + ": "
                + told.size() + " agent(s) of line " + change.newValue() + " notified"
                + (management.isEmpty() ? "" : ", management (" + management.size() + " address(es)) notified"));
    }

    private void send(String kind, Ticket ticket, String recipient, String subject, String head, boolean replyable) {
        String support = properties.primarySupportAddress();
        try {
            Letter letter = Letter.of(kind, ticket.number(), properties.effectiveReplyDomain());
            letter.from(support, "Postdesk escalation", support)
                    .to(recipient)
                    .subject(subject)
                    .header("Auto-Submitted", "auto-generated")
                    .text(head + "Severity: " + ticket.severity() + "    Queue: " + ticket.queue() + "    Assignee: "
                            + (ticket.assignee() == null ? "nobody" : ticket.assignee()) + "\n"
                            + "------------------------------------------------------------\n"
                            + "What the customer wrote, as agents see it (redacted):\n\n" + summary.of(ticket) + "\n");
            if (replyable) {
                // the agent's own reply address: an answer to this notice is theirs, like one to a notification
                letter.replyTo(replyAddress.of(ticket.number(), recipient));
            }
            outbox.enqueue(kind, ticket.id(), support, recipient, letter.build());
            tickets.rememberMessageId(ticket.id(), letter.messageId());
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write the escalation notice (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
