package eu.postdesk.queues;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.outbound.CustomerLanguage;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.Tickets;

/**
 * A ticket in its queue: which support address it came to, the language it is answered in, when
 * its first response is due (from severity and the team's hours, following every severity
 * change until the first response), and the incident rule on arrival (a configured phrase makes
 * it severity 1, recorded as a change like any other, so the incident notice follows).
 */
@Component
public class QueueDesk {
    /** Who set a severity by the arrival rule, in the ticket's events. */
    public static final String KEYWORD_RULE = "incident-keyword-rule";

    private final Queues queues;
    private final Tickets tickets;
    private final JdbcTemplate jdbc;
    private final PostdeskProperties properties;

    public QueueDesk(Queues queues, Tickets tickets, JdbcTemplate jdbc, PostdeskProperties properties) {
        this.queues = queues;
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The support address among the envelope recipients: the queue; the primary address when none is. */
    public String queueAddressOf(Collection<MailAddress> recipients) {
        for (MailAddress recipient : recipients) {
            String address = recipient.asString().toLowerCase(Locale.ROOT);
            if (properties.getSupportAddresses().stream().anyMatch(a -> a.strip().equalsIgnoreCase(address))) {
                return address;
            }
        }
        return properties.primarySupportAddress();
    }

    /** The language a new ticket of this queue is answered in (customer's, else the queue's default, else English). */
    public String languageFor(String queueAddress, String contentLanguage, String text) {
        return queues.languageFor(queues.queueFor(queueAddress), CustomerLanguage.detect(contentLanguage, text));
    }

    /**
     * Places a new ticket in its queue: queue and first-response due time; severity 1 when the
     * subject or text (as agents see it) names an incident phrase. Returns the ticket as it now is.
     */
    public Ticket opened(Ticket ticket, String queueAddress, String subject, String text) {
        Queue queue = queues.queueFor(queueAddress);
        jdbc.update("update tickets set queue = ?, first_response_due = ? where id = ?", queueAddress,
                Timestamp.from(queues.firstResponseDue(queue, ticket.language(), ticket.severity(), ticket.createdAt())), ticket.id());
        Optional<String> phrase = queues.incidentKeywordIn((subject == null ? "" : subject) + "\n" + (text == null ? "" : text));
        Ticket placed = tickets.byId(ticket.id()).orElseThrow();
        if (phrase.isPresent() && placed.severity() != 1) {
            tickets.recordEvent(ticket.id(), "incident-rule", "the message names the incident phrase '" + phrase.get() + "' (conf/queues.yml)");
            jdbc.update("update tickets set severity = 1, version = version + 1 where id = ?", ticket.id());
            tickets.recordChange(placed, "severity", Integer.toString(placed.severity()), "1", KEYWORD_RULE, TicketChange.PIPELINE);
        }
        return tickets.byId(ticket.id()).orElseThrow();
    }

    /** The customer's time zone, as the offset of their Date header; null when it has none we can read. */
    public static java.time.ZoneId customerZone(String dateHeader) {
        if (dateHeader == null) {
            return null;
        }
        String date = dateHeader.replaceAll("\\([^)]*\\)", "").strip();
        try {
            java.time.ZoneOffset offset = java.time.OffsetDateTime.parse(date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).getOffset();
            // -0000 and +0000 say nothing about where the customer is (RFC 5322 3.3)
            return offset.getTotalSeconds() == 0 ? null : offset;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The first response stays due by the current severity until it is given. */
    @EventListener
    public void severityChanged(TicketChange change) {
        if (!"severity".equals(change.field())) {
            return;
        }
        Ticket ticket = tickets.byId(change.ticket().id()).orElseThrow();
        if (ticket.firstResponseAt() != null) {
            return;
        }
        Queue queue = queues.queueFor(ticket.queue());
        jdbc.update("update tickets set first_response_due = ? where id = ?",
                Timestamp.from(queues.firstResponseDue(queue, ticket.language(), ticket.severity(), ticket.createdAt())), ticket.id());
    }
}
