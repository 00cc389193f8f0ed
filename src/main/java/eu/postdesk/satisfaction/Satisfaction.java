package eu.postdesk.satisfaction;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.outbound.Letter;
import eu.postdesk.outbound.Outbox;
import eu.postdesk.outbound.Wording;
import eu.postdesk.queues.Queues;
import eu.postdesk.tickets.Messages;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.Tickets;

/**
 * Customer satisfaction by mail, without tracking: when a ticket first becomes {@code solved}
 * (whichever door solved it), its customer gets ONE request in their language, plain text, no
 * links, no images, answered to the ticket's {@link RatingAddress}; the rating (a later one
 * replaces the earlier) and its comment are kept on the ticket. Switched off per queue
 * ({@code satisfaction: false} in conf/queues.yml).
 */
@Component
public class Satisfaction {
    private final JdbcTemplate jdbc;
    private final Tickets tickets;
    private final Messages messages;
    private final Outbox outbox;
    private final Wording wording;
    private final Queues queues;
    private final RatingAddress ratingAddress;
    private final PostdeskProperties properties;
    private final Clock clock;

    public Satisfaction(JdbcTemplate jdbc, Tickets tickets, Messages messages, Outbox outbox, Wording wording, Queues queues,
                        RatingAddress ratingAddress, PostdeskProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.messages = messages;
        this.outbox = outbox;
        this.wording = wording;
        this.queues = queues;
        this.ratingAddress = ratingAddress;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    public void statusChanged(TicketChange change) {
        if (!"status".equals(change.field()) || !"solved".equals(change.newValue()) || "solved".equals(change.oldValue())) {
            return;
        }
        Ticket ticket = tickets.byId(change.ticket().id()).orElseThrow();
        if (!queues.queueFor(ticket.queue()).satisfaction()) {
            return;
        }
        Integer asked = jdbc.queryForObject("select count(*) from tickets where id = ? and csat_requested_at is not null", Integer.class, ticket.id());
        if (asked > 0) {
            return;
        }
        Optional<String> customer = ticket.customerReplyAddress();
        if (customer.isEmpty()) {
            tickets.recordEvent(ticket.id(), "satisfaction-not-asked", "the customer gave no address we can write to");
            return;
        }
        String language = wording.languageOf("satisfaction", ticket.language());
        String text = wording.template("satisfaction", language).replace("{number}", Long.toString(ticket.number()));
        String support = properties.primarySupportAddress();
        List<String> thread = messages.inboundMessageIds(ticket.id());
        try {
            Letter letter = Letter.of("csat", ticket.number(), properties.effectiveReplyDomain());
            letter.from(support, null, support)
                    .to(customer.get())
                    .replyTo(ratingAddress.of(ticket.number()))
                    .subject("[#" + ticket.number() + "] " + wording.phrase(language, "satisfaction-subject"))
                    .threadedTo(thread.isEmpty() ? null : thread.get(thread.size() - 1), thread)
                    .header("Auto-Submitted", "auto-generated")
                    .header("X-Auto-Response-Suppress", "All")
                    .header("Content-Language", language)
                    .text(text);
            if (Wording.isRightToLeft(language)) {
                letter.html(Wording.html(text, language));
            }
            outbox.enqueue("csat", ticket.id(), support, customer.get(), letter.build());
            tickets.rememberMessageId(ticket.id(), letter.messageId());
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write the satisfaction request (" + e.getClass().getSimpleName() + ")", e);
        }
        jdbc.update("update tickets set csat_requested_at = ? where id = ?", Timestamp.from(clock.instant()), ticket.id());
        tickets.recordEvent(ticket.id(), "satisfaction-request", "the customer was asked once how satisfied they are (" + language + ")");
    }

    /** Keeps the customer's rating on the ticket, replacing an earlier one; recorded as a change of {@code csat}. */
    public void rate(Ticket ticket, Rating rating) {
        Integer earlier = jdbc.queryForObject("select csat_rating from tickets where id = ?", Integer.class, ticket.id());
        jdbc.update("update tickets set csat_rating = ?, csat_comment = ?, csat_at = ?, version = version + 1 where id = ?",
                rating.score(), rating.comment(), Timestamp.from(clock.instant()), ticket.id());
        tickets.recordChange(ticket, "csat", earlier == null ? null : earlier.toString(), Integer.toString(rating.score()), "customer", TicketChange.MAIL);
    }

    /** The ticket's rating for the API: {rating, comment, at}; empty when the customer gave none. */
    public Optional<Map<String, Object>> of(long ticketId) {
        return jdbc.query("select csat_rating, csat_comment, csat_at from tickets where id = ? and csat_rating is not null", (rs, n) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rating", rs.getInt("csat_rating"));
            out.put("comment", rs.getString("csat_comment"));
            Timestamp at = rs.getTimestamp("csat_at");
            out.put("at", at == null ? null : at.toInstant().toString());
            return out;
        }, ticketId).stream().findFirst();
    }

    /** When the request went out; empty when the customer was not asked. */
    public Optional<Instant> requestedAt(long ticketId) {
        return jdbc.query("select csat_requested_at from tickets where id = ? and csat_requested_at is not null",
                (rs, n) -> rs.getTimestamp(1).toInstant(), ticketId).stream().findFirst();
    }
}
