package eu.postdesk.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import eu.postdesk.tickets.TicketWork;

/**
 * The body of {@code PATCH /api/tickets/{number}} read into a {@link TicketWork.Change}: the fields
 * {@code status}, {@code assignee} (null or "nobody" for nobody), {@code severity}, {@code line}.
 * What cannot be read is a {@code 400} naming the field; whether a value is allowed is
 * {@link TicketWork}'s to say.
 */
final class TicketPatch {
    private static final List<String> FIELDS = List.of("status", "assignee", "severity", "line");

    private TicketPatch() {
    }

    static TicketWork.Change of(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw TicketsApi.badRequest("the body names no field to change; the fields are " + String.join(", ", FIELDS));
        }
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                String named = field.matches("[A-Za-z]{1,40}") ? "'" + field + "'" : "a field";
                throw TicketsApi.badRequest(named + " cannot be changed; the fields are " + String.join(", ", FIELDS));
            }
        }
        String status = string(body, "status", "status must be one of " + String.join(", ", TicketWork.SETTABLE));
        Optional<String> assignee = null;
        if (body.containsKey("assignee")) {
            String to = string(body, "assignee", "assignee must be a configured agent's address, or null for nobody");
            assignee = to == null || to.isBlank() || to.equalsIgnoreCase("nobody") ? Optional.empty() : Optional.of(to);
        }
        Integer severity = null;
        Object s = body.get("severity");
        if (s != null) {
            if (!(s instanceof Number n) || n.doubleValue() != n.intValue()) {
                throw TicketsApi.badRequest("severity must be 1, 2, 3 or 4");
            }
            severity = n.intValue();
        }
        Object l = body.get("line");
        String line = l instanceof Number n && n.doubleValue() == n.intValue() ? Integer.toString(n.intValue())
                : string(body, "line", "line must be one of " + String.join(", ", TicketWork.LINES));
        if (body.containsKey("status") && status == null) {
            throw TicketsApi.badRequest("status must be one of " + String.join(", ", TicketWork.SETTABLE));
        }
        if (body.containsKey("line") && line == null) {
            throw TicketsApi.badRequest("line must be one of " + String.join(", ", TicketWork.LINES));
        }
        return new TicketWork.Change(status, assignee, severity, line);
    }

    /** The {@code text} of a reply or note. */
    static String text(Map<String, Object> body) {
        Object text = body == null ? null : body.get("text");
        if (!(text instanceof String t) || t.isBlank()) {
            throw TicketsApi.badRequest("text is required: the answer or note, as a string");
        }
        if (t.length() > 100_000) {
            throw TicketsApi.badRequest("text is too long: at most 100000 characters");
        }
        return t;
    }

    private static String string(Map<String, Object> body, String field, String message) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw TicketsApi.badRequest(message);
        }
        return (String) value;
    }
}
