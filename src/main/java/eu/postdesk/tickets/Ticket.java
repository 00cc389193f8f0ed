package eu.postdesk.tickets;

import java.time.Instant;
import java.util.Optional;

/**
 * A conversation with one customer, known to everyone by its number. {@code customer} is who
 * wrote (the sender); {@code replyAddress} is where we write back ({@link CustomerReplyAddress}),
 * null when the customer gave no address we can write to. {@code status} is one of new, open,
 * pending, solved, closed; {@code line} one of 1, 2, 3, management; {@code version} grows with
 * every change (the API's ETag).
 */
public record Ticket(long id, long number, String subject, String status, String customer, String language,
                     Instant createdAt, Instant updatedAt, String replyAddress,
                     int severity, String line, String assignee, String queue, Instant firstResponseDue,
                     Instant firstResponseAt, boolean breached, Instant solvedAt, Instant closedAt, Long followUpOf,
                     long version) {

    /** Where acknowledgements and answers to this ticket's customer go, if anywhere. */
    public Optional<String> customerReplyAddress() {
        return Optional.ofNullable(replyAddress).filter(CustomerReplyAddress::writable);
    }
}
