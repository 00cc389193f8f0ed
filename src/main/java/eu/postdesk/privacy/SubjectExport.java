package eu.postdesk.privacy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.mail.internet.MimeUtility;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.tickets.AgentView;
import eu.postdesk.tickets.Messages;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.Tickets;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's data as a ZIP (GDPR articles 15 and 20): a JSON document per ticket they are the
 * customer of or a participant in (its fields, events and messages as agents see them), the kept
 * attachments, every message of those tickets as one mbox, and, only when the privacy officer
 * states a reason, the sealed originals of the messages this person sent. Written while it is
 * sent, ticket by ticket: the ZIP is never held in memory. Every export is an audit record.
 */
@Component
public class SubjectExport {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter MBOX_DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final Tickets tickets;
    private final Messages messages;
    private final AgentView view;
    private final SealedOriginals originals;
    private final AuditTrail audit;

    public SubjectExport(JdbcTemplate jdbc, Tickets tickets, Messages messages, AgentView view, SealedOriginals originals, AuditTrail audit) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.messages = messages;
        this.view = view;
        this.originals = originals;
        this.audit = audit;
    }

    /** An export ready to be written. */
    public interface Export {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Records the export in the audit trail (the person as a keyed hash) and returns it, to be
     * written; with a {@code reason} (null: none) it includes the sealed originals.
     */
    public Export of(String address, String reason, String who, String role) {
        String person = address.strip().toLowerCase(Locale.ROOT);
        boolean withOriginals = reason != null;
        audit.record(AuditTrail.EXPORT, who, role, audit.person(person),
                withOriginals ? "with originals: " + reason : "without originals");
        return out -> write(person, withOriginals, out);
    }

    /** The tickets of this person, oldest first: they are its customer or one of its participants. */
    public List<Ticket> ticketsOf(String address) {
        String person = address.strip().toLowerCase(Locale.ROOT);
        return jdbc.queryForList("select id from tickets where lower(customer) = ? union select ticket_id from participants where address = ?",
                        Long.class, person, person).stream().sorted().distinct()
                .map(id -> tickets.byId(id).orElse(null)).filter(t -> t != null).toList();
    }

    private void write(String person, boolean withOriginals, OutputStream out) throws IOException {
        List<Ticket> theirs = ticketsOf(person);
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        OutputStream entry = new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                zip.closeEntry();
            }
        };
        zip.putNextEntry(new ZipEntry("README.txt"));
        entry.write(("""
                Your data at this support desk: %d ticket(s).
                tickets/NUMBER.json   each ticket: its fields, events and messages as our agents see them (redacted)
                attachments/NUMBER/   the attachments our agents see
                messages.mbox         every message of these tickets, as our agents see them
                %s""".formatted(theirs.size(), withOriginals ? "originals/ID.eml      the messages you sent, exactly as they arrived\n" : ""))
                .getBytes(StandardCharsets.UTF_8));
        entry.close();
        for (Ticket ticket : theirs) {
            zip.putNextEntry(new ZipEntry("tickets/" + ticket.number() + ".json"));
            entry.write(JSON.writeValueAsBytes(view.detail(ticket)));
            entry.close();
            for (Messages.StoredMessage message : messages.ofTicket(ticket.id())) {
                for (Messages.StoredAttachment attachment : messages.attachmentsOf(message.id())) {
                    if ("quarantined".equals(attachment.fate())) {
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry("attachments/" + ticket.number() + "/" + attachment.id() + "-" + safeName(attachment.name())));
                    try (InputStream content = messages.attachmentContent(attachment.id()).getInputStream()) {
                        content.transferTo(entry);
                    }
                    entry.close();
                }
            }
        }
        zip.putNextEntry(new ZipEntry("messages.mbox"));
        for (Ticket ticket : theirs) {
            for (Messages.StoredMessage message : messages.ofTicket(ticket.id())) {
                entry.write(mbox(ticket, message));
            }
        }
        entry.close();
        if (withOriginals) {
            for (Ticket ticket : theirs) {
                for (Messages.StoredMessage message : messages.ofTicket(ticket.id())) {
                    if (!"inbound".equals(message.direction()) || message.from() == null || !message.from().equalsIgnoreCase(person)) {
                        continue;
                    }
                    var original = originals.open(message.id());
                    if (original.isEmpty()) {
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry("originals/" + message.id() + ".eml"));
                    try (InputStream content = original.get().content()) {
                        content.transferTo(entry);
                    }
                    entry.close();
                }
            }
        }
        zip.finish();
        zip.flush();
    }

    /** One message in mboxrd form: the agents' text with its headers, lines starting "From " quoted. */
    private static byte[] mbox(Ticket ticket, Messages.StoredMessage m) {
        StringBuilder out = new StringBuilder();
        String from = m.from() == null || m.from().isBlank() ? "MAILER-DAEMON" : oneLine(m.from()).replace(' ', '_');
        out.append("From ").append(from).append(' ').append(MBOX_DATE.format(m.sentAt() == null ? ticket.createdAt() : m.sentAt())).append('\n');
        header(out, "From", m.from());
        header(out, "To", m.to());
        header(out, "Subject", encoded(m.subject()));
        header(out, "Date", m.sentAt() == null ? null : DateTimeFormatter.RFC_1123_DATE_TIME.format(m.sentAt().atOffset(ZoneOffset.UTC)));
        header(out, "Message-ID", m.messageId());
        header(out, "X-Postdesk-Ticket", Long.toString(ticket.number()));
        header(out, "X-Postdesk-Direction", m.direction());
        out.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n");
        String text = m.text() == null ? "" : m.text().replace("\r\n", "\n").replace('\r', '\n');
        for (String line : text.split("\n", -1)) {
            out.append(line.matches(">*From .*") ? ">" + line : line).append('\n');
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.append(name).append(": ").append(oneLine(value)).append('\n');
        }
    }

    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String encoded(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.encodeText(oneLine(value), "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            return oneLine(value);
        }
    }

    private static String safeName(String name) {
        String safe = name == null ? "attachment" : name.replaceAll("[^\\p{L}\\p{N}._ -]", "_").strip();
        safe = safe.replaceAll("^\\.+", "_");
        return safe.isEmpty() ? "attachment" : safe.length() > 120 ? safe.substring(0, 120) : safe;
    }
}
