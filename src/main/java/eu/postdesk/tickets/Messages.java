package eu.postdesk.tickets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import eu.postdesk.DataFiles;
import eu.postdesk.PostdeskProperties;

/** The messages of tickets and their attachments, as agents may see them. */
@Component
public class Messages {
    private final JdbcTemplate jdbc;
    private final Path folder;

    public Messages(JdbcTemplate jdbc, PostdeskProperties properties) throws IOException {
        this.jdbc = jdbc;
        this.folder = properties.getDataDir().resolve("attachments");
        Files.createDirectories(folder);
    }

    /** A message to store. */
    public record NewMessage(long ticketId, Long spoolId, String direction, String messageId, String from, String to,
                             String subject, Instant sentAt, String bodyHash, String text, String newText, String html,
                             boolean remoteContent, String privacy) {
    }

    /** A stored message. */
    public record StoredMessage(long id, long ticketId, String direction, String messageId, String from, String to,
                                String subject, Instant sentAt, String text, String newText, String html,
                                boolean remoteContent, String privacy, boolean spam) {
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

    /**
     * Stores an attachment: its row, and its bytes streamed into {@code data-dir/attachments/<id>}
     * (synced before the filing transaction commits, removed if it rolls back). A quarantined
     * attachment's bytes are withheld: only its size is recorded.
     */
    public void attach(long messageId, MessageContent.Attachment attachment) {
        boolean withheld = "quarantined".equals(attachment.fate());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var s = connection.prepareStatement(
                    "insert into attachments (message_id, name, content_type, size_bytes, fate, reason) values (?, ?, ?, 0, ?, ?)",
                    new String[] {"id"});
            s.setLong(1, messageId);
            s.setString(2, attachment.name());
            s.setString(3, SalvagedHeaders.contentType(attachment.contentType()));
            s.setString(4, attachment.fate());
            s.setString(5, attachment.reason());
            return s;
        }, key);
        long id = key.getKey().longValue();
        try {
            if (withheld) {
                jdbc.update("update attachments set size_bytes = ? where id = ?", attachment.size(), id);
                return;
            }
            String name = Long.toString(id);
            Path file = folder.resolve(name);
            DataFiles.deleteOnRollback(file);
            long size = attachment.writeTo(file);
            DataFiles.sync(file);
            DataFiles.syncFolder(folder);
            jdbc.update("update attachments set size_bytes = ?, content_file = ? where id = ?", size, name, id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store attachment " + id + ": " + e.getMessage(), e);
        }
    }

    /** Removes attachment files no row names: written by a filing that a crash rolled back. Call only before filing starts. */
    public void sweepLeftovers() {
        DataFiles.sweep(folder, jdbc.queryForList("select content_file from attachments where content_file is not null", String.class));
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

    /** The bytes of an attachment as agents may see them, as a resource to stream; empty when withheld. */
    public Resource attachmentContent(long id) {
        var rows = jdbc.query("select content_file, content from attachments where id = ?",
                (rs, n) -> new Object[] {rs.getString(1), rs.getString(1) == null ? rs.getBytes(2) : null}, id);
        if (rows.isEmpty()) {
            return new ByteArrayResource(new byte[0]);
        }
        if (rows.get(0)[0] instanceof String name) {
            return new FileSystemResource(folder.resolve(name));
        }
        // stored in the database before attachments moved into files
        byte[] bytes = (byte[]) rows.get(0)[1];
        return new ByteArrayResource(bytes == null ? new byte[0] : bytes);
    }

    /** The file holding an attachment's bytes, if it has one (quarantined ones and older rows have none). */
    public java.util.Optional<Path> attachmentFile(long id) {
        return jdbc.queryForList("select content_file from attachments where id = ? and content_file is not null", String.class, id)
                .stream().findFirst().map(folder::resolve);
    }

    /** The Message-IDs of a ticket's customer messages, oldest first: the thread our relays continue. */
    public List<String> inboundMessageIds(long ticketId) {
        return jdbc.queryForList("select message_id from messages where ticket_id = ? and direction = 'inbound' and message_id is not null order by id",
                String.class, ticketId);
    }

    /** The ids of a ticket's customer messages, oldest first. */
    public List<Long> inboundIds(long ticketId) {
        return jdbc.queryForList("select id from messages where ticket_id = ? and direction = 'inbound' order by id", Long.class, ticketId);
    }

    /** Marks a ticket's customer messages as spam; returns how many were not marked before. */
    public int markSpam(long ticketId) {
        return jdbc.update("update messages set spam = true where ticket_id = ? and direction = 'inbound' and spam = false", ticketId);
    }

    private static StoredMessage message(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new StoredMessage(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("direction"), rs.getString("message_id"),
                rs.getString("from_address"), rs.getString("to_addresses"), rs.getString("subject"),
                sent == null ? rs.getTimestamp("created_at").toInstant() : sent.toInstant(),
                rs.getString("text_body"), rs.getString("new_text"), rs.getString("html_body"),
                rs.getBoolean("remote_content"), rs.getString("privacy"), rs.getBoolean("spam"));
    }
}
