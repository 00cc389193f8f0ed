package eu.postdesk.privacy;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.tickets.MessageFiled;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;

/**
 * The anonymous facts statistics are computed from: per ticket, under a random id, its filing day,
 * queue, language, severity, line, the seconds to the first response and to resolution, whether it
 * breached, its satisfaction score, and redactions and trackers removed by kind. No address, no
 * ticket number, no free text. Kept up to date from {@link MessageFiled} and {@link TicketChange}
 * in the same transaction; the link to the ticket goes with the ticket when it is erased, the fact
 * stays, and with it the statistics.
 */
@Component
public class TicketFacts {
    private static final Set<String> RESOLVED = Set.of("solved", "closed");
    static final String REDACTION = "redaction";
    static final String TRACKER = "tracker";

    private final JdbcTemplate jdbc;

    public TicketFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    public void filed(MessageFiled filed) {
        String fact = factOf(filed.ticket());
        add(fact, REDACTION, filed.privacy().redactions());
        add(fact, TRACKER, filed.privacy().trackersByKind());
    }

    @EventListener
    public void changed(TicketChange change) {
        Ticket ticket = change.ticket();
        String fact = factOf(ticket);
        String value = change.newValue();
        switch (change.field()) {
            case "status" -> {
                if (RESOLVED.contains(value)) {
                    jdbc.update("update ticket_facts set resolution_seconds = ? where fact_id = ? and resolution_seconds is null",
                            seconds(ticket.createdAt(), change.at()), fact);
                } else {
                    // reopened: resolved when it is solved again
                    jdbc.update("update ticket_facts set resolution_seconds = null where fact_id = ?", fact);
                }
            }
            case "severity" -> jdbc.update("update ticket_facts set severity = ? where fact_id = ?", integer(value), fact);
            case "line" -> jdbc.update("update ticket_facts set line = ? where fact_id = ?", category(value, 16), fact);
            case "queue" -> jdbc.update("update ticket_facts set queue = ? where fact_id = ?", category(value, 512), fact);
            case "language" -> jdbc.update("update ticket_facts set language = ? where fact_id = ?", category(value, 8), fact);
            case "firstResponseAt" -> {
                Instant at = instant(value);
                jdbc.update("update ticket_facts set first_response_seconds = ? where fact_id = ? and first_response_seconds is null",
                        at == null ? null : seconds(ticket.createdAt(), at), fact);
            }
            case "breached" -> jdbc.update("update ticket_facts set breached = ? where fact_id = ?", "true".equalsIgnoreCase(value), fact);
            case "csat" -> jdbc.update("update ticket_facts set csat = ? where fact_id = ?", integer(value), fact);
            default -> {
                // a field statistics do not count (assignee, ...): nothing about it is kept
            }
        }
    }

    /** The fact of a ticket, made from the ticket's categories the first time it is needed. */
    private String factOf(Ticket ticket) {
        var existing = jdbc.queryForList("select fact_id from ticket_fact_links where ticket_id = ?", String.class, ticket.id());
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        String fact = UUID.randomUUID().toString();
        jdbc.update("insert into ticket_facts (fact_id, filed_on, queue, language, severity, line, breached) values (?, ?, ?, ?, ?, ?, ?)",
                fact, Date.valueOf(ticket.createdAt().atZone(ZoneOffset.UTC).toLocalDate()), category(ticket.queue(), 512),
                category(ticket.language(), 8), ticket.severity(), category(ticket.line(), 16), ticket.breached());
        jdbc.update("insert into ticket_fact_links (ticket_id, fact_id) values (?, ?)", ticket.id(), fact);
        return fact;
    }

    private void add(String fact, String measure, Map<String, Integer> counts) {
        for (var count : counts.entrySet()) {
            String kind = category(count.getKey(), 64);
            if (kind == null || count.getValue() == null || count.getValue() <= 0) {
                continue;
            }
            int updated = jdbc.update("update ticket_fact_counts set amount = amount + ? where fact_id = ? and measure = ? and kind = ?",
                    count.getValue(), fact, measure, kind);
            if (updated == 0) {
                jdbc.update("insert into ticket_fact_counts (fact_id, measure, kind, amount) values (?, ?, ?, ?)", fact, measure, kind, count.getValue());
            }
        }
    }

    private static Long seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Math.max(0, Duration.between(from, to).toSeconds());
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(String value) {
        try {
            return value == null || value.isBlank() ? null : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A category's value as kept: never longer than its column. */
    private static String category(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        return v.length() <= max ? v : v.substring(0, max);
    }
}
