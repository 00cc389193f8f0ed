package eu.postdesk.tickets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * A ticket as agents may see it, as JSON-ready maps: its fields, and its messages redacted and
 * sanitised with their attachments and privacy report. The API's ticket endpoints and the
 * data-subject export show the same thing through this one class.
 */
@Component
public class AgentView {
    private final Tickets tickets;
    private final Messages messages;

    public AgentView(Tickets tickets, Messages messages) {
        this.tickets = tickets;
        this.messages = messages;
    }

    /** The fields of the ticket list: number, subject, status, customer, messageCount, createdAt, updatedAt. */
    public Map<String, Object> summary(Ticket ticket) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", ticket.number());
        out.put("subject", ticket.subject());
        out.put("status", ticket.status());
        out.put("customer", ticket.customer());
        out.put("messageCount", messages.countOf(ticket.id()));
        out.put("createdAt", ticket.createdAt().toString());
        out.put("updatedAt", ticket.updatedAt().toString());
        return out;
    }

    /** The summary plus participants, events and messages. */
    public Map<String, Object> detail(Ticket ticket) {
        Map<String, Object> out = summary(ticket);
        out.put("participants", tickets.participants(ticket.id()));
        out.put("events", tickets.events(ticket.id()));
        out.put("messages", messages.ofTicket(ticket.id()).stream().map(this::message).toList());
        return out;
    }

    public Map<String, Object> message(Messages.StoredMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("direction", m.direction());
        out.put("from", m.from());
        out.put("to", m.to());
        out.put("subject", m.subject());
        out.put("date", m.sentAt() == null ? null : m.sentAt().toString());
        out.put("text", m.text());
        out.put("newText", m.newText());
        out.put("html", m.html());
        out.put("remoteContent", m.remoteContent());
        out.put("attachments", attachments(m.id()));
        out.put("privacy", PrivacyReport.fromJson(m.privacy()).forApi());
        return out;
    }

    private List<Map<String, Object>> attachments(long messageId) {
        return messages.attachmentsOf(messageId).stream().map(a -> {
            Map<String, Object> attachment = new LinkedHashMap<>();
            attachment.put("id", a.id());
            attachment.put("name", a.name());
            attachment.put("contentType", a.contentType());
            attachment.put("size", a.size());
            attachment.put("fate", a.fate());
            return attachment;
        }).toList();
    }
}
