package eu.postdesk.tickets;

import java.time.Instant;

/** A conversation with one customer, known to everyone by its number. */
public record Ticket(long id, long number, String subject, String status, String customer, String language,
                     Instant createdAt, Instant updatedAt) {
}
