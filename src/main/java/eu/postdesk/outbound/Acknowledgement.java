package eu.postdesk.outbound;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.queues.BusinessHours;
import eu.postdesk.queues.Queue;
import eu.postdesk.queues.Queues;
import eu.postdesk.tickets.MessageContent;
import eu.postdesk.tickets.Ticket;

/**
 * The acknowledgement a customer gets when a ticket opens: from the support address, in the
 * ticket's language, with the ticket tag in the subject, threaded to their message, marked
 * {@code Auto-Submitted: auto-replied} (RFC 3834) so that well-behaved auto-responders stay quiet.
 * It says when the team will answer (at work now, or back at its next opening time, and the
 * first response's due time), in the customer's time zone when their mail shows it, else the
 * team's; and that the case is handled as an incident when it is one. Templates are
 * {@code conf/templates/acknowledgement.<language>.txt} ({@link Wording}); right-to-left
 * languages get an HTML alternative that states {@code lang} and {@code dir="rtl"}.
 */
@Component
public class Acknowledgement {
    private final PostdeskProperties properties;
    private final Wording wording;
    private final Queues queues;
    private final Clock clock;

    public Acknowledgement(PostdeskProperties properties, Wording wording, Queues queues, Clock clock) {
        this.properties = properties;
        this.wording = wording;
        this.queues = queues;
        this.clock = clock;
    }

    /**
     * The acknowledgement of {@code customerMessage}, threaded to {@code customerMessageId}: its
     * Message-ID as filed (one id, fitted to what we store), not the header as the customer wrote it.
     * {@code customerZone}: the customer's time zone (from their Date header), null when unknown.
     */
    public Letter write(Ticket ticket, MessageContent customerMessage, String customerMessageId, String recipient, ZoneId customerZone)
            throws MessagingException {
        String language = wording.languageOf("acknowledgement", ticket.language());
        List<String> references = new ArrayList<>(customerMessage.references());
        if (customerMessageId != null) {
            references.add(customerMessageId);
        }
        String text = wording.template("acknowledgement", language)
                .replace("{number}", Long.toString(ticket.number()))
                .replace("{when}", when(ticket, language, customerZone))
                .replace("{incident}", ticket.severity() == 1 ? wording.phrase(language, "incident") + "\n\n" : "");
        String support = properties.primarySupportAddress();
        Letter letter = Letter.of("ack", ticket.number(), properties.effectiveReplyDomain());
        letter.from(support, null, support)
                .to(recipient)
                .subject("[#" + ticket.number() + "] " + ticket.subject())
                .threadedTo(customerMessageId, references)
                .header("Auto-Submitted", "auto-replied")
                .header("X-Auto-Response-Suppress", "All")
                .header("Content-Language", language)
                .text(text);
        if (Wording.isRightToLeft(language)) {
            letter.html(Wording.html(text, language));
        }
        return letter;
    }

    /** When the team will answer: at work now, or back at its next opening; and by when. */
    private String when(Ticket ticket, String language, ZoneId customerZone) {
        Queue queue = queues.queueFor(ticket.queue());
        BusinessHours hours = queue.hoursFor(ticket.language());
        Instant now = clock.instant();
        Instant due = ticket.firstResponseDue() != null ? ticket.firstResponseDue()
                : queues.firstResponseDue(queue, ticket.language(), ticket.severity(), now);
        ZoneId zone = customerZone != null ? customerZone : hours.zone();
        String phrase = hours.isOpen(now) ? wording.phrase(language, "open") : wording.phrase(language, "closed");
        return phrase.replace("{hours}", hours.describe())
                .replace("{opens}", Wording.time(hours.nextOpening(now), zone, language))
                .replace("{due}", Wording.time(due, zone, language));
    }
}
