package eu.postdesk.tickets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The messages of tickets and their attachments, as agents may see them. */
@Component
public class Messages {
    private final JdbcTemplate jdbc;

    public Messages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A message to store. */
    public record NewMessage(long ticketId, Long spoolId, String direction, String messageId, String from, String to,
                             String subject, Instant sentAt, String bodyHash, String text, String newText, String html,
                             boolean remoteContent, String privacy) {
    }

    /** A stored message. */
    public record StoredMessage(long id, long ticketId, String direction, String messageId, String from, String to,
                                String subject, Instant sentAt, String text, String newText, String html,
                                boolean remoteContent, String privacy) {
    }

    /** A stored attachment, without its bytes. */
    public record StoredAttachment(long id, long messageId, String name, String contentType, long size, String fate, String reason) {
    }

    public long store(NewMessage m) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var s = connection.prepareStatement(
                    "insert into messages (ticket_id, spool_id, direction, message_id, from_address, to_addresses, subject, sent_at, body_hash, text_body, new_text, html_body, remote_content, privacy, created_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            s.setLong(1, m.ticketId());
            s.setObject(2, m.spoolId());
            s.setString(3, m.direction());
            s.setString(4, m.messageId());
            s.setString(5, m.from());
            s.setString(6, m.to());
            s.setString(7, m.subject());
            s.setTimestamp(8, m.sentAt() == null ? null : Timestamp.from(m.sentAt()));
            s.setString(9, m.bodyHash());
            s.setString(10, m.text());
            s.setString(11, m.newText());
            s.setString(12, m.html());
            s.setBoolean(13, m.remoteContent());
            s.setString(14, m.privacy());
            s.setTimestamp(15, Timestamp.from(Instant.now()));
            return s;
        }, key);
        return key.getKey().longValue();
    }

    public void attach(long messageId, MessageContent.Attachment attachment) {
        boolean withheld = "quarantined".equals(attachment.fate());
        jdbc.update("insert into attachments (message_id, name, content_type, size_bytes, fate, reason, content) values (?, ?, ?, ?, ?, ?, ?)",
                messageId, attachment.name(), attachment.contentType(), (long) attachment.content().length, attachment.fate(),
                attachment.reason(), withheld ? null : attachment.content());
    }

    /** Whether this very message (same Message-ID and body) was filed before. */
    public boolean isDuplicate(String messageId, String bodyHash) {
        return messageId != null && jdbc.queryForObject("select count(*) from messages where message_id = ? and body_hash = ?",
                Integer.class, messageId, bodyHash) > 0;
    }

    public List<StoredMessage> ofTicket(long ticketId) {
        return jdbc.query("select * from messages where ticket_id = ? order by id", Messages::message, ticketId);
    }

    public int countOf(long ticketId) {
        return jdbc.queryForObject("select count(*) from messages where ticket_id = ?", Integer.class, ticketId);
    }

    public List<StoredAttachment> attachmentsOf(long messageId) {
        return jdbc.query("select id, message_id, name, content_type, size_bytes, fate, reason from attachments where message_id = ? order by id",
                (rs, n) -> new StoredAttachment(rs.getLong("id"), rs.getLong("message_id"), rs.getString("name"), rs.getString("content_type"),
                        rs.getLong("size_bytes"), rs.getString("fate"), rs.getString("reason")), messageId);
    }

    public java.util.Optional<StoredAttachment> attachment(long id) {
        return jdbc.query("select id, message_id, name, content_type, size_bytes, fate, reason from attachments where id = ?",
                (rs, n) -> new StoredAttachment(rs.getLong("id"), rs.getLong("message_id"), rs.getString("name"), rs.getString("content_type"),
                        rs.getLong("size_bytes"), rs.getString("fate"), rs.getString("reason")), id).stream().findFirst();
    }

    public byte[] attachmentContent(long id) {
        return jdbc.queryForObject("select content from attachments where id = ?", byte[].class, id);
    }

    /** The Message-IDs of a ticket's customer messages, oldest first: the thread our relays continue. */
    public List<String> inboundMessageIds(long ticketId) {
        return jdbc.queryForList("select message_id from messages where ticket_id = ? and direction = 'inbound' and message_id is not null order by id",
                String.class, ticketId);
    }

    private static StoredMessage message(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new StoredMessage(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("direction"), rs.getString("message_id"),
                rs.getString("from_address"), rs.getString("to_addresses"), rs.getString("subject"),
                sent == null ? rs.getTimestamp("created_at").toInstant() : sent.toInstant(),
                rs.getString("text_body"), rs.getString("new_text"), rs.getString("html_body"),
                rs.getBoolean("remote_content"), rs.getString("privacy"));
    }
}
