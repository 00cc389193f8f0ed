package eu.postdesk.tickets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
import eu.postdesk.outbound.AcknowledgementLimit;
import eu.postdesk.outbound.AgentNotification;
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
    private final AcknowledgementLimit acknowledgementLimit;
    private final eu.postdesk.queues.QueueDesk queueDesk;
    private final TicketWork work;
    private final AgentSafeHtml safeHtml = new AgentSafeHtml();
    private final QuotedHistory quotedHistory = QuotedHistory.withDefaults();
    private final Object[] senderLocks = new Object[64];

    public TicketDesk(Tickets tickets, Messages messages, Threading threading, Outbox outbox, Acknowledgement acknowledgement,
                      AgentNotification notification, Agents agents, Spool spool, PostdeskProperties properties,
                      TransactionTemplate transaction, SealedOriginals sealedOriginals, eu.postdesk.queues.QueueDesk queueDesk,
                      TicketWork work) {
        this.sealedOriginals = sealedOriginals;
        this.queueDesk = queueDesk;
        this.work = work;
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
        this.acknowledgementLimit = new AcknowledgementLimit(outbox, properties);
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
        String envelopeSender = mail.getMaybeSender().asOptional().map(a -> a.asString().toLowerCase()).orElse(null);
        String claimedSender = content.from() != null && !content.from().isBlank() ? content.from() : envelopeSender;
        SalvagedHeaders salvaged = SalvagedHeaders.of(content, claimedSender);
        String sender = salvaged.sender();
        String bodyHash;
        try (InputStream original = spool.raw(spoolId)) {
            bodyHash = BodyHash.of(original);
        } catch (IOException e) {
            throw new MessagingException("cannot read spooled message " + spoolId + ": " + e.getMessage(), e);
        }
        boolean listPost = mail.getAttribute(PostdeskAttributes.NO_AUTO_REPLY).isPresent();
        PrivacyReport privacy = PrivacyReport.of(mail);

        CustomerReplyAddress replyAddress = CustomerReplyAddress.of(content, envelopeSender);

        // one sender's messages, and the messages written back to one address, are filed one at a
        // time: threading and the acknowledgement limit look at what the previous message committed
        int one = stripe(sender);
        int other = stripe(replyAddress.address().orElse(sender));
        synchronized (senderLocks[Math.min(one, other)]) {
            synchronized (senderLocks[Math.max(one, other)]) {
                return fileLocked(mail, mime, content, salvaged, spoolId, sender, replyAddress, bodyHash, listPost, privacy, acknowledge, notify);
            }
        }
    }

    private int stripe(String address) {
        return Math.floorMod(String.valueOf(address).hashCode(), senderLocks.length);
    }

    private Filed fileLocked(Mail mail, MimeMessage mime, MessageContent content, SalvagedHeaders salvaged, long spoolId, String sender,
                             CustomerReplyAddress replyAddress, String bodyHash,
                             boolean listPost, PrivacyReport privacy, boolean acknowledge, boolean notify) {
        return transaction.execute(status -> {
            try {
                if (messages.isDuplicate(salvaged.messageId(), bodyHash)) {
                    spool.settle(spoolId, "duplicate", "already filed: same Message-ID and body");
                    return new Filed(0, false, true, false);
                }
                // a From that fails DMARC by our own check proves nothing: it never counts as a participant
                boolean unprovenSender = eu.postdesk.authentication.SenderAuthentication.fromFailsDmarc(mime);
                Optional<Ticket> threaded = threading.ticketFor(content, sender, unprovenSender);
                // a closed ticket is never reopened: the customer's mail opens a follow-up that names it
                Optional<Ticket> existing = threaded.filter(t -> !TicketWork.CLOSED.equals(t.status()));
                String text = content.text() != null ? content.text() : HtmlText.of(content.html());
                String queueAddress = queueDesk.queueAddressOf(mail.getRecipients());
                String language = queueDesk.languageFor(queueAddress, MessageContent.header(mime, "Content-Language"), text);
                Ticket ticket = existing.orElseGet(() -> tickets.open(Threading.title(content.subject()),
                        sender == null ? "unknown" : sender, language, replyAddress.address().orElse(null),
                        threaded.map(Ticket::id).orElse(null)));
                boolean newTicket = existing.isEmpty();
                if (threaded.isPresent() && newTicket) {
                    tickets.recordEvent(threaded.get().id(), "followed-up",
                            "the customer wrote after the ticket was closed; follow-up ticket " + ticket.number() + " was opened");
                }
                String html = content.html() == null ? null : safeHtml.sanitise(content.html());
                String newText = text == null ? null
                        : content.text() != null ? quotedHistory.newText(content.text()) : quotedHistory.newTextFromHtml(content.html());
                long messageId = messages.store(new Messages.NewMessage(ticket.id(), spoolId, "inbound", salvaged.messageId(),
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
                tickets.rememberMessageId(ticket.id(), salvaged.messageId());
                recordSalvage(ticket, salvaged, replyAddress);
                if (!unprovenSender) {
                    tickets.addParticipant(ticket.id(), sender);
                }
                tickets.touch(ticket.id());
                if (newTicket) {
                    ticket = queueDesk.opened(ticket, queueAddress, content.subject(), newText);
                } else {
                    ticket = work.customerWrote(tickets.byId(ticket.id()).orElseThrow());
                }
                tickets.recordFiling(ticket, newTicket, privacy);

                boolean acknowledged = false;
                boolean owesAcknowledgement = newTicket && acknowledge && !listPost;
                Optional<String> writeTo = ticket.customerReplyAddress();
                if (owesAcknowledgement && writeTo.isPresent() && acknowledgementLimit.allows(writeTo.get(), ticket.customer())) {
                    queue("ack", ticket, writeTo.get(), acknowledgement.write(ticket, content, salvaged.messageId(), writeTo.get(),
                            eu.postdesk.queues.QueueDesk.customerZone(MessageContent.header(mime, "Date"))));
                    acknowledged = true;
                } else if (owesAcknowledgement && writeTo.isEmpty()) {
                    tickets.recordEvent(ticket.id(), "not-acknowledged",
                            "the customer gave no address we can write to; the ticket was filed without an acknowledgement");
                }
                if (notify) {
                    for (String agent : agents.notificationRecipients(ticket)) {
                        queue("notification", ticket, agent, notification.write(ticket, content, agent, newTicket, messageId));
                    }
                }
                eu.postdesk.CrashPoint.reached(eu.postdesk.CrashPoint.FILING);
                spool.settle(spoolId, "filed", "ticket " + ticket.number());
                return new Filed(ticket.number(), newTicket, false, acknowledged);
            } catch (MessagingException e) {
                // not e.getMessage(): an AddressException's text quotes the customer's address
                throw new IllegalStateException("cannot write the mail that filing sends (" + e.getClass().getSimpleName() + ")", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spooled original: " + e.getMessage(), e);
            }
        });
    }

    /** What had to be cut, normalised or passed over to file this message, in words (never the values). */
    private void recordSalvage(Ticket ticket, SalvagedHeaders salvaged, CustomerReplyAddress replyAddress) {
        List<String> notes = new ArrayList<>(salvaged.notes());
        notes.addAll(replyAddress.notes());
        if (!notes.isEmpty()) {
            tickets.recordEvent(ticket.id(), "salvaged", "a message was filed from what could be read: " + String.join("; ", notes));
        }
    }

    private void queue(String kind, Ticket ticket, String recipient, Letter letter) throws MessagingException {
        MimeMessage message = letter.build();
        outbox.enqueue(kind, ticket.id(), properties.primarySupportAddress(), recipient, message);
        tickets.rememberMessageId(ticket.id(), letter.messageId());
    }
}
