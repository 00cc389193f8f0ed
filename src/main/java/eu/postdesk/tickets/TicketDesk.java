package eu.postdesk.tickets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.agents.Agents;
import eu.postdesk.mailets.PostdeskAttributes;
import eu.postdesk.mailets.html.AgentSafeHtml;
import eu.postdesk.mailets.quoting.HtmlText;
import eu.postdesk.mailets.quoting.QuotedHistory;
import eu.postdesk.outbound.Acknowledgement;
import eu.postdesk.outbound.AgentNotification;
import eu.postdesk.outbound.CustomerLanguage;
import eu.postdesk.outbound.Letter;
import eu.postdesk.outbound.Outbox;
import eu.postdesk.pipeline.IncomingMail;
import eu.postdesk.privacy.SealedOriginals;
import eu.postdesk.spool.Spool;

/**
 * Files a customer's message: finds or opens its ticket, stores what agents may see, and queues
 * the acknowledgement and the agent notifications, all in one transaction together with the
 * spool's outcome, so that a crash at any point files the message exactly once.
 */
@Component
public class TicketDesk {
    private static final Logger log = LoggerFactory.getLogger(TicketDesk.class);

    private final Tickets tickets;
    private final Messages messages;
    private final Threading threading;
    private final Outbox outbox;
    private final Acknowledgement acknowledgement;
    private final AgentNotification notification;
    private final Agents agents;
    private final Spool spool;
    private final PostdeskProperties properties;
    private final TransactionTemplate transaction;
    private final SealedOriginals sealedOriginals;
    private final AgentSafeHtml safeHtml = new AgentSafeHtml();
    private final QuotedHistory quotedHistory = QuotedHistory.withDefaults();
    private final Object[] senderLocks = new Object[64];

    public TicketDesk(Tickets tickets, Messages messages, Threading threading, Outbox outbox, Acknowledgement acknowledgement,
                      AgentNotification notification, Agents agents, Spool spool, PostdeskProperties properties,
                      TransactionTemplate transaction, SealedOriginals sealedOriginals) {
        this.sealedOriginals = sealedOriginals;
        this.tickets = tickets;
        this.messages = messages;
        this.threading = threading;
        this.outbox = outbox;
        this.acknowledgement = acknowledgement;
        this.notification = notification;
        this.agents = agents;
        this.spool = spool;
        this.properties = properties;
        this.transaction = transaction;
        for (int i = 0; i < senderLocks.length; i++) {
            senderLocks[i] = new Object();
        }
    }

    /** What filing did, for the log and the tests. */
    public record Filed(long ticketNumber, boolean newTicket, boolean duplicate, boolean acknowledged) {
    }

    public Filed file(Mail mail, boolean acknowledge, boolean notify) throws MessagingException {
        MimeMessage mime = mail.getMessage();
        MessageContent content = MessageContent.of(mime);
        long spoolId = IncomingMail.spoolId(mail);
        String sender = content.from() != null ? content.from()
                : mail.getMaybeSender().asOptional().map(a -> a.asString().toLowerCase()).orElse(null);
        String bodyHash;
        try (InputStream original = spool.raw(spoolId)) {
            bodyHash = BodyHash.of(original);
        } catch (IOException e) {
            throw new MessagingException("cannot read spooled message " + spoolId + ": " + e.getMessage(), e);
        }
        boolean listPost = mail.getAttribute(PostdeskAttributes.NO_AUTO_REPLY).isPresent();
        PrivacyReport privacy = PrivacyReport.of(mail);

        // one sender's messages are filed one at a time: threading and the acknowledgement limit
        // look at what the previous message committed
        synchronized (senderLocks[Math.floorMod(String.valueOf(sender).hashCode(), senderLocks.length)]) {
            return fileLocked(mail, mime, content, spoolId, sender, bodyHash, listPost, privacy, acknowledge, notify);
        }
    }

    private Filed fileLocked(Mail mail, MimeMessage mime, MessageContent content, long spoolId, String sender, String bodyHash,
                             boolean listPost, PrivacyReport privacy, boolean acknowledge, boolean notify) {
        return transaction.execute(status -> {
            try {
                if (messages.isDuplicate(content.messageId(), bodyHash)) {
                    spool.settle(spoolId, "duplicate", "already filed: same Message-ID and body");
                    return new Filed(0, false, true, false);
                }
                Optional<Ticket> existing = threading.ticketFor(content, sender);
                String text = content.text() != null ? content.text() : HtmlText.of(content.html());
                String language = CustomerLanguage.of(MessageContent.header(mime, "Content-Language"), text);
                Ticket ticket = existing.orElseGet(() -> tickets.open(Threading.title(content.subject()),
                        sender == null ? "unknown" : sender, language));
                boolean newTicket = existing.isEmpty();
                String html = content.html() == null ? null : safeHtml.sanitise(content.html());
                String newText = text == null ? null
                        : content.text() != null ? quotedHistory.newText(content.text()) : quotedHistory.newTextFromHtml(content.html());
                long messageId = messages.store(new Messages.NewMessage(ticket.id(), spoolId, "inbound", content.messageId(),
                        sender, String.join(", ", content.to()), content.subject(),
                        content.sentAt() == null ? null : content.sentAt().toInstant(), bodyHash, text, newText, html,
                        html != null && safeHtml.refersToRemoteContent(html), privacy.toJson()));
                for (MessageContent.Attachment attachment : content.attachments()) {
                    messages.attach(messageId, attachment);
                }
                // the original is kept only sealed under the key of the person who sent it; the spool forgets it
                try (InputStream original = spool.raw(spoolId)) {
                    sealedOriginals.seal(messageId, sender, original);
                }
                spool.forgetRaw(spoolId);
                tickets.rememberMessageId(ticket.id(), content.messageId());
                tickets.addParticipant(ticket.id(), sender);
                tickets.touch(ticket.id());

                boolean acknowledged = false;
                if (newTicket && acknowledge && !listPost && sender != null && mayAcknowledge(sender)) {
                    String to = content.replyTo() != null ? content.replyTo() : sender;
                    queue("ack", ticket, to, acknowledgement.write(ticket, content, to));
                    acknowledged = true;
                }
                if (notify) {
                    for (String agent : agents.notificationRecipients()) {
                        queue("notification", ticket, agent, notification.write(ticket, content, agent, newTicket, messageId));
                    }
                }
                eu.postdesk.CrashPoint.reached(eu.postdesk.CrashPoint.FILING);
                spool.settle(spoolId, "filed", "ticket " + ticket.number());
                return new Filed(ticket.number(), newTicket, false, acknowledged);
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot write the mail that filing sends: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spooled original: " + e.getMessage(), e);
            }
        });
    }

    private void queue(String kind, Ticket ticket, String recipient, Letter letter) throws MessagingException {
        MimeMessage message = letter.build();
        outbox.enqueue(kind, ticket.id(), properties.primarySupportAddress(), recipient, message);
        tickets.rememberMessageId(ticket.id(), letter.messageId());
    }

    /** The loop guard: at most so many acknowledgements to one address an hour. */
    private boolean mayAcknowledge(String address) {
        int limit = properties.getAcknowledgement().getMaxPerHour();
        boolean allowed = outbox.acknowledgementsTo(address, Instant.now().minusSeconds(3600)) < limit;
        if (!allowed) {
            log.info("acknowledgement limit of {} an hour reached for one address; not acknowledging", limit);
        }
        return allowed;
    }
}
