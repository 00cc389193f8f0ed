package eu.postdesk.escalation;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.postdesk.tickets.Messages;
import eu.postdesk.tickets.Ticket;

/**
 * What a ticket is about, as agents see it: its subject and the newest customer message as
 * stored (redacted, trackers removed, quoted history cut), never the sealed original.
 */
@Component
public class TicketSummary {
    static final int MAX_CHARS = 2000;

    private final Messages messages;

    public TicketSummary(Messages messages) {
        this.messages = messages;
    }

    public String of(Ticket ticket) {
        List<Messages.StoredMessage> all = messages.ofTicket(ticket.id());
        String text = "";
        for (int i = all.size() - 1; i >= 0; i--) {
            Messages.StoredMessage m = all.get(i);
            if ("inbound".equals(m.direction())) {
                text = m.newText() != null ? m.newText() : m.text() != null ? m.text() : "";
                break;
            }
        }
        text = text.strip();
        if (text.length() > MAX_CHARS) {
            text = text.substring(0, MAX_CHARS) + "\n[... the rest is in the ticket]";
        }
        return "Subject: " + ticket.subject() + "\n\n" + text;
    }
}
