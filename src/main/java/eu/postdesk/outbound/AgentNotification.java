package eu.postdesk.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.mailets.quoting.HtmlText;
import eu.postdesk.tickets.MessageContent;
import eu.postdesk.tickets.Messages;
import eu.postdesk.tickets.ReplyAddress;
import eu.postdesk.tickets.Ticket;

/**
 * Tells an agent that a customer wrote: the message as agents may see it (redacted, without
 * trackers, quarantined attachments withheld), with {@code Reply-To} the ticket's reply address
 * made for this agent, so that the agent simply answers from their own mail client. Attachments are enclosed up to
 * {@link #MAX_ENCLOSED_BYTES} in all; larger ones are named, with their size, as being in the ticket.
 */
@Component
public class AgentNotification {
    /** At most this many attachment bytes go into one notification; larger ones are only named. */
    static final long MAX_ENCLOSED_BYTES = 10L * 1024 * 1024;

    private final PostdeskProperties properties;
    private final ReplyAddress replyAddress;
    private final Messages messages;

    public AgentNotification(PostdeskProperties properties, ReplyAddress replyAddress, Messages messages) {
        this.properties = properties;
        this.replyAddress = replyAddress;
        this.messages = messages;
    }

    /** The notification of a stored message ({@code messageId}), enclosing its stored attachments up to the bound. */
    public Letter write(Ticket ticket, MessageContent message, String agent, boolean newTicket, long messageId) throws MessagingException {
        String support = properties.primarySupportAddress();
        String customer = message.from() == null ? ticket.customer() : message.from();
        List<Letter.Enclosure> enclosures = new ArrayList<>();
        List<String> notEnclosed = new ArrayList<>();
        long room = MAX_ENCLOSED_BYTES;
        for (Messages.StoredAttachment attachment : messages.attachmentsOf(messageId)) {
            if ("quarantined".equals(attachment.fate())) {
                continue;
            }
            Optional<Path> file = messages.attachmentFile(attachment.id());
            if (file.isPresent() && attachment.size() <= room) {
                enclosures.add(new Letter.Enclosure(attachment.name(), attachment.contentType(), source(file.get(), attachment)));
                room -= attachment.size();
            } else {
                notEnclosed.add("- " + attachment.name() + " (" + size(attachment.size()) + ")");
            }
        }
        String text = (newTicket ? "New ticket" : "New message on ticket") + " [#" + ticket.number() + "] from " + customer + "\n"
                + "Answer by replying to this mail; your answer goes to the customer from " + support + ".\n"
                + (notEnclosed.isEmpty() ? "" : "Attachments too large to send by mail (" + size(MAX_ENCLOSED_BYTES)
                        + " at most); they are in ticket [#" + ticket.number() + "]:\n" + String.join("\n", notEnclosed) + "\n")
                + "------------------------------------------------------------\n\n"
                + body(message);
        Letter letter = Letter.of("notify", ticket.number(), properties.effectiveReplyDomain());
        letter.from(support, customer + " via Postdesk", support)
                .to(agent)
                .replyTo(replyAddress.of(ticket.number(), agent))
                .subject("[#" + ticket.number() + "] " + ticket.subject())
                .header("Auto-Submitted", "auto-generated")
                .text(text)
                .enclosures(enclosures);
        return letter;
    }

    /** What the customer wrote, as plain text: rendered from the HTML when the mail has no text part. */
    private static String body(MessageContent message) {
        if (message.text() != null) {
            return message.text();
        }
        String rendered = HtmlText.of(message.html());
        return rendered == null ? "" : rendered;
    }

    /** The stored file, read when the letter is written into the outbox. */
    private static DataSource source(Path file, Messages.StoredAttachment attachment) {
        return new DataSource() {
            @Override
            public InputStream getInputStream() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public OutputStream getOutputStream() throws IOException {
                throw new IOException("an enclosure is read-only");
            }

            @Override
            public String getContentType() {
                return attachment.contentType() == null ? "application/octet-stream" : attachment.contentType();
            }

            @Override
            public String getName() {
                return attachment.name();
            }
        };
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
