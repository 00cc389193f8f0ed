package eu.postdesk.escalation;

import java.util.List;

import jakarta.mail.MessagingException;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.outbound.Letter;
import eu.postdesk.outbound.Outbox;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.Tickets;

/**
 * Severity 1 is an incident: whichever door set it (a command, the API, the console, the arrival
 * rule), the addresses of {@code postdesk.incident.notify} are told at once, with the ticket's
 * redacted summary and its link, in the transaction of the change. Downgrading from 1 is told
 * and recorded too.
 */
@Component
public class IncidentNotice {
    private final Tickets tickets;
    private final Outbox outbox;
    private final TicketSummary summary;
    private final PostdeskProperties properties;
    private final eu.postdesk.outbound.Wording wording;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public IncidentNotice(Tickets tickets, Outbox outbox, TicketSummary summary, PostdeskProperties properties,
                          eu.postdesk.outbound.Wording wording, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.wording = wording;
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.outbox = outbox;
        this.summary = summary;
        this.properties = properties;
    }

    /**
     * The answer an agent's relay sends the customer: the first one after the ticket became an
     * incident opens with the sentence that says so (in the ticket's language), once per incident.
     */
    public String mentionOnce(Ticket ticket, String answer) {
        if (ticket.severity() != 1) {
            return answer;
        }
        Integer since = jdbc.queryForObject("select count(*) from ticket_events where ticket_id = ? and kind = 'incident-mentioned'"
                + " and id > coalesce((select max(id) from ticket_events where ticket_id = ? and kind = 'incident'), 0)", Integer.class, ticket.id(), ticket.id());
        if (since > 0) {
            return answer;
        }
        tickets.recordEvent(ticket.id(), "incident-mentioned", "the answer to the customer says the case is handled as an incident");
        return wording.phrase(wording.languageOf("acknowledgement", ticket.language()), "incident") + "\n\n" + (answer == null ? "" : answer);
    }

    @EventListener
    public void severityChanged(TicketChange change) {
        if (!"severity".equals(change.field()) || String.valueOf(change.oldValue()).equals(change.newValue())) {
            return;
        }
        boolean raised = "1".equals(change.newValue());
        boolean lowered = "1".equals(change.oldValue());
        if (!raised && !lowered) {
            return;
        }
        Ticket ticket = tickets.byId(change.ticket().id()).orElseThrow();
        List<String> notify = properties.getIncident().getNotify();
        String who = change.actor() + " (" + change.channel() + ")";
        if (raised) {
            tickets.recordEvent(ticket.id(), "incident", "handled as an incident: severity 1 set by " + who
                    + (notify.isEmpty() ? "; nobody alerted, postdesk.incident.notify is empty" : "; incident notice sent to " + notify.size() + " address(es)"));
        } else {
            tickets.recordEvent(ticket.id(), "incident-ended", "no longer an incident: severity " + change.newValue() + " set by " + who);
        }
        String link = properties.getIncident().getLink().replace("{number}", Long.toString(ticket.number()));
        String subject = (raised ? "[#" + ticket.number() + "] INCIDENT (severity 1): " : "[#" + ticket.number() + "] Incident over (severity " + change.newValue() + "): ")
                + ticket.subject();
        String text = (raised ? "Ticket [#" + ticket.number() + "] is now severity 1 and is handled as an incident.\n"
                : "Ticket [#" + ticket.number() + "] is no longer an incident: severity " + change.newValue() + ".\n")
                + "Set by: " + who + "\n"
                + "Queue: " + ticket.queue() + "    Line: " + ticket.line() + "    Assignee: " + (ticket.assignee() == null ? "nobody" : ticket.assignee()) + "\n"
                + "First response due: " + ticket.firstResponseDue() + "\n"
                + "Ticket: " + link + "\n"
                + "------------------------------------------------------------\n"
                + "What the customer wrote, as agents see it (redacted):\n\n"
                + summary.of(ticket) + "\n";
        String support = properties.primarySupportAddress();
        for (String address : notify) {
            try {
                Letter letter = Letter.of("incident", ticket.number(), properties.effectiveReplyDomain());
                letter.from(support, "Postdesk incident", support)
                        .to(address)
                        .subject(subject)
                        .header("Auto-Submitted", "auto-generated")
                        .header("Priority", raised ? "urgent" : "normal")
                        .text(text);
                outbox.enqueue("incident", ticket.id(), support, address.toLowerCase(java.util.Locale.ROOT), letter.build());
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot write the incident notice (" + e.getClass().getSimpleName() + ")", e);
            }
        }
    }
}
