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
    private final eu.postdesk.satisfaction.Satisfaction satisfaction;

    public AgentView(Tickets tickets, Messages messages, eu.postdesk.satisfaction.Satisfaction satisfaction) {
        this.tickets = tickets;
        this.messages = messages;
        this.satisfaction = satisfaction;
    }

    /**
     * The fields of the ticket list: number, subject, status, customer, messageCount, createdAt,
     * updatedAt, and its life (docs/tickets.md): assignee, severity, line, queue, first response due
     * and given, breached, solved and closed, the ticket it follows up, its version (the ETag).
     */
    public Map<String, Object> summary(Ticket ticket) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", ticket.number());
        out.put("subject", ticket.subject());
        out.put("status", ticket.status());
        out.put("customer", ticket.customer());
        out.put("messageCount", messages.countOf(ticket.id()));
        out.put("createdAt", ticket.createdAt().toString());
        out.put("updatedAt", ticket.updatedAt().toString());
        out.put("assignee", ticket.assignee());
        out.put("severity", ticket.severity());
        out.put("line", ticket.line());
        out.put("queue", ticket.queue());
        out.put("firstResponseDue", text(ticket.firstResponseDue()));
        out.put("firstResponseAt", text(ticket.firstResponseAt()));
        out.put("breached", ticket.breached());
        out.put("solvedAt", text(ticket.solvedAt()));
        out.put("closedAt", text(ticket.closedAt()));
        out.put("followUpOf", ticket.followUpOf() == null ? null : tickets.byId(ticket.followUpOf()).map(Ticket::number).orElse(null));
        out.put("version", ticket.version());
        return out;
    }

    /**
     * The summary plus participants, events, escalation history, satisfaction (docs/queues.md) and
     * messages (internal notes included).
     */
    public Map<String, Object> detail(Ticket ticket) {
        Map<String, Object> out = summary(ticket);
        out.put("participants", tickets.participants(ticket.id()));
        List<Map<String, Object>> events = tickets.events(ticket.id());
        out.put("events", events);
        out.put("escalations", events.stream().filter(e -> "line".equals(e.get("field"))).map(e -> {
            Map<String, Object> escalation = new LinkedHashMap<>();
            escalation.put("at", e.get("at"));
            escalation.put("from", e.get("old"));
            escalation.put("to", e.get("new"));
            escalation.put("by", e.get("by"));
            escalation.put("channel", e.get("channel"));
            return escalation;
        }).toList());
        out.put("csat", satisfaction.of(ticket.id()).orElse(null));
        out.put("messages", messages.ofTicket(ticket.id()).stream().map(this::message).toList());
        return out;
    }

    private static String text(java.time.Instant at) {
        return at == null ? null : at.toString();
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
        out.put("spam", m.spam());
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
