package eu.postdesk.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The transactional outbox: every mail Postdesk sends is first a row here, written in the same
 * transaction as the ticket change that caused it, then delivered by {@link OutboxSender}. Once
 * delivered, a row keeps its headers and metadata (recipient, subject, Message-ID, times) but no body.
 */
@Component
public class Outbox {
    public static final String HELD = "held";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row of the outbox, as the API shows it. */
    public record Entry(long id, String kind, Long ticketId, String recipient, String subject, String messageId,
                        String status, int attempts, Instant createdAt, Instant sentAt, String lastError) {
    }

    /** A row due for delivery; its bytes are read one delivery at a time ({@link #raw}). */
    public record Delivery(long id, String kind, Long ticketId, String envelopeFrom, String recipient, int attempts) {
    }

    public long enqueue(String kind, Long ticketId, String envelopeFrom, String recipient, MimeMessage message) {
        byte[] raw;
        String subject;
        String messageId;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            raw = out.toByteArray();
            subject = message.getSubject();
            messageId = message.getHeader("Message-ID", null);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot serialise an outgoing " + kind + ": " + e.getMessage(), e);
        }
        Instant now = Instant.now();
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(
                    "insert into outbox (kind, ticket_id, recipient, envelope_from, subject, message_id, raw, status, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                    new String[] {"id"});
            statement.setString(1, kind);
            if (ticketId == null) {
                statement.setNull(2, java.sql.Types.BIGINT);
            } else {
                statement.setLong(2, ticketId);
            }
            statement.setString(3, recipient);
            statement.setString(4, envelopeFrom);
            statement.setString(5, subject);
            statement.setString(6, messageId);
            statement.setBytes(7, raw);
            statement.setString(8, HELD);
            statement.setTimestamp(9, Timestamp.from(now));
            statement.setTimestamp(10, Timestamp.from(now));
            return statement;
        }, key);
        return key.getKey().longValue();
    }

    public List<Entry> entries() {
        return jdbc.query("select id, kind, ticket_id, recipient, subject, message_id, status, attempts, created_at, sent_at, last_error from outbox order by id",
                Outbox::entry);
    }

    public List<Delivery> due(int limit) {
        return jdbc.query("select id, kind, ticket_id, envelope_from, recipient, attempts from outbox where status = ? and next_attempt_at <= ? order by id limit " + limit,
                (rs, n) -> {
                    long ticket = rs.getLong("ticket_id");
                    Long ticketId = rs.wasNull() ? null : ticket;
                    return new Delivery(rs.getLong("id"), rs.getString("kind"), ticketId,
                            rs.getString("envelope_from"), rs.getString("recipient"), rs.getInt("attempts"));
                }, HELD, Timestamp.from(Instant.now()));
    }

    /** The bytes of one outgoing mail (notifications may enclose up to 10 MB: never load many at once). */
    public byte[] raw(long id) {
        eu.postdesk.CrashPoint.reached(eu.postdesk.CrashPoint.BEFORE_SEND);
        return jdbc.queryForObject("select raw from outbox where id = ?", byte[].class, id);
    }

    /** Marks a mail delivered; its body (the customer's words, enclosures) has served its purpose and is dropped. */
    public void sent(long id) {
        jdbc.update("update outbox set status = ?, attempts = attempts + 1, sent_at = ?, last_error = null, raw = null where id = ?",
                SENT, Timestamp.from(Instant.now()), id);
    }

    public void retryLater(long id, Instant next, String error) {
        jdbc.update("update outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?",
                Timestamp.from(next), error, id);
    }

    public void failed(long id, String error) {
        jdbc.update("update outbox set status = ?, attempts = attempts + 1, last_error = ? where id = ?", FAILED, error, id);
    }

    /** How many acknowledgements went to this address since then: the auto-responder loop guard. */
    public int acknowledgementsTo(String recipient, Instant since) {
        return jdbc.queryForObject("select count(*) from outbox where kind = 'ack' and recipient = ? and created_at >= ?",
                Integer.class, recipient, Timestamp.from(since));
    }

    /** How many acknowledgements went out for tickets of this customer since then, wherever they were sent. */
    public int acknowledgementsOnBehalfOf(String customer, Instant since) {
        return jdbc.queryForObject("select count(*) from outbox o join tickets t on t.id = o.ticket_id "
                + "where o.kind = 'ack' and t.customer = ? and o.created_at >= ?", Integer.class, customer, Timestamp.from(since));
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        long ticket = rs.getLong("ticket_id");
        return new Entry(rs.getLong("id"), rs.getString("kind"), rs.wasNull() ? null : ticket, rs.getString("recipient"),
                rs.getString("subject"), rs.getString("message_id"), rs.getString("status"), rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant(), rs.getString("last_error"));
    }
}
