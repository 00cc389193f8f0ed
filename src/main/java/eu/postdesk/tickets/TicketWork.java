package eu.postdesk.tickets;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.agents.Agents;

/**
 * Working a ticket: every rule of its life in one place, called alike by the mail commands, the
 * API and the timers (the doors only translate). Status moves {@code new → open → pending →
 * solved → closed}; a closed ticket stays closed. Each change writes its column in one update
 * that succeeds only on the version the caller read (else {@link Stale}), grows the version, and
 * is recorded through {@link Tickets#recordChange} under the field names {@code status},
 * {@code assignee}, {@code severity}, {@code line}, {@code firstResponseAt}.
 */
@Component
public class TicketWork {
    public static final String NEW = "new";
    public static final String OPEN = "open";
    public static final String PENDING = "pending";
    public static final String SOLVED = "solved";
    public static final String CLOSED = "closed";
    /** The statuses a ticket can be given; {@code new} is only where it starts. */
    public static final List<String> SETTABLE = List.of(OPEN, PENDING, SOLVED, CLOSED);
    public static final List<String> LINES = PostdeskProperties.TicketRules.LINES;
    /** Who the events name for what the customer's own mail changes. */
    public static final String CUSTOMER = "customer";

    private final JdbcTemplate jdbc;
    private final Tickets tickets;
    private final Messages messages;
    private final Answers answers;
    private final Agents agents;
    private final Clock clock;

    public TicketWork(JdbcTemplate jdbc, Tickets tickets, Messages messages, Answers answers, Agents agents, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.messages = messages;
        this.answers = answers;
        this.agents = agents;
        this.clock = clock;
    }

    /**
     * What to change; null leaves a field as it is. {@code assignee}: null leaves it,
     * {@code Optional.empty()} means nobody, else an agent's address.
     */
    public record Change(String status, Optional<String> assignee, Integer severity, String line) {
        public static Change none() {
            return new Change(null, null, null, null);
        }

        public static Change status(String status) {
            return new Change(status, null, null, null);
        }

        public boolean isEmpty() {
            return status == null && assignee == null && severity == null && line == null;
        }
    }

    /** What a change did: the ticket as it is now, and each field that changed. */
    public record Changed(Ticket ticket, List<TicketChange> changes) {
    }

    /** A change that breaks a rule; {@code field} names what was wrong, the message says why (never quoting a value). */
    public static class Refused extends RuntimeException {
        private final String field;

        public Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The ticket changed since the caller read it (another change came first): nothing was written. */
    public static class Stale extends RuntimeException {
        public Stale(long number) {
            super("ticket " + number + " changed meanwhile");
        }
    }

    /** Changes the ticket's fields as asked, if the rules allow it. */
    public Changed change(Ticket ticket, Change change, String actor, String channel) {
        return write(ticket, change, false, actor, channel);
    }

    /**
     * An agent's answer to the customer, relayed like every answer ({@link Answers}): a {@code new}
     * or {@code open} ticket becomes {@code pending} unless {@code commanded} says otherwise, and the
     * first answer sets {@code first_response_at}.
     */
    public Changed answer(Ticket ticket, String text, String agent, String channel, Change commanded, Long spoolId, String answerMessageId) {
        String customer = ticket.customerReplyAddress()
                .orElseThrow(() -> new Refused("customer", "the customer gave no address we can write to; the answer cannot be sent"));
        if (text == null || text.isBlank()) {
            throw new Refused("text", "the answer is empty");
        }
        Change change = commanded == null ? Change.none() : commanded;
        if (change.status() == null && (NEW.equals(ticket.status()) || OPEN.equals(ticket.status()))) {
            change = new Change(PENDING, change.assignee(), change.severity(), change.line());
        }
        Changed changed = write(ticket, change, true, agent, channel);
        answers.relay(changed.ticket(), customer, text, agent, spoolId, answerMessageId);
        return new Changed(tickets.byId(ticket.id()).orElseThrow(), changed.changes());
    }

    /** An internal note: stored on the ticket for agents (direction {@code note}), never relayed. */
    public Changed note(Ticket ticket, String text, String actor, String channel, Change commanded, Long spoolId) {
        if (text == null || text.isBlank()) {
            throw new Refused("text", "the note is empty");
        }
        Changed changed = write(ticket, commanded == null ? Change.none() : commanded, false, actor, channel);
        messages.store(new Messages.NewMessage(ticket.id(), spoolId, "note", null, actor, null, "note", clock.instant(), null,
                text, text, null, false, PrivacyReport.none().toJson()));
        tickets.touch(ticket.id());
        return new Changed(tickets.byId(ticket.id()).orElseThrow(), changed.changes());
    }

    /** The customer wrote again: a {@code pending} or {@code solved} ticket is {@code open} again. */
    public Ticket customerWrote(Ticket ticket) {
        if (PENDING.equals(ticket.status()) || SOLVED.equals(ticket.status())) {
            return write(ticket, Change.status(OPEN), false, CUSTOMER, TicketChange.MAIL).ticket();
        }
        return ticket;
    }

    private Changed write(Ticket ticket, Change change, boolean answered, String actor, String channel) {
        String status = change.status() == null ? ticket.status() : validStatus(ticket, change.status());
        String assignee = change.assignee() == null ? ticket.assignee() : change.assignee().map(this::validAgent).orElse(null);
        int severity = change.severity() == null ? ticket.severity() : validSeverity(change.severity());
        String line = change.line() == null ? ticket.line() : validLine(change.line());
        // the database keeps microseconds: the event's value must be the column's
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant firstResponseAt = answered && ticket.firstResponseAt() == null ? now : ticket.firstResponseAt();
        boolean statusChanged = !status.equals(ticket.status());
        Instant solvedAt = statusChanged && SOLVED.equals(status) ? now : ticket.solvedAt();
        Instant closedAt = statusChanged && CLOSED.equals(status) ? now : ticket.closedAt();
        List<String[]> changes = new ArrayList<>();
        compare(changes, "status", ticket.status(), status);
        compare(changes, "assignee", ticket.assignee(), assignee);
        compare(changes, "severity", Integer.toString(ticket.severity()), Integer.toString(severity));
        compare(changes, "line", ticket.line(), line);
        compare(changes, "firstResponseAt", text(ticket.firstResponseAt()), text(firstResponseAt));
        if (changes.isEmpty()) {
            return new Changed(ticket, List.of());
        }
        int updated = jdbc.update("update tickets set status = ?, assignee = ?, severity = ?, line = ?, first_response_at = ?,"
                        + " solved_at = ?, closed_at = ?, updated_at = ?, version = version + 1 where id = ? and version = ?",
                status, assignee, severity, line, timestamp(firstResponseAt), timestamp(solvedAt), timestamp(closedAt),
                Timestamp.from(now), ticket.id(), ticket.version());
        if (updated != 1) {
            throw new Stale(ticket.number());
        }
        Ticket now_ = tickets.byId(ticket.id()).orElseThrow();
        List<TicketChange> recorded = new ArrayList<>();
        for (String[] c : changes) {
            recorded.add(tickets.recordChange(now_, c[0], c[1], c[2], actor, channel));
        }
        return new Changed(now_, recorded);
    }

    private static String validStatus(Ticket ticket, String wanted) {
        String status = wanted.strip().toLowerCase(Locale.ROOT);
        if (!SETTABLE.contains(status)) {
            throw new Refused("status", "status must be one of " + String.join(", ", SETTABLE));
        }
        if (CLOSED.equals(ticket.status()) && !CLOSED.equals(status)) {
            throw new Refused("status", "a closed ticket stays closed; the customer's next mail opens a follow-up ticket");
        }
        return status;
    }

    private String validAgent(String address) {
        return agents.byAddress(address).map(a -> a.getAddress().strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new Refused("assignee", "assignee must be a configured agent's address, or nobody"));
    }

    private static int validSeverity(int severity) {
        if (severity < 1 || severity > 4) {
            throw new Refused("severity", "severity must be 1, 2, 3 or 4");
        }
        return severity;
    }

    private static String validLine(String wanted) {
        String line = wanted.strip().toLowerCase(Locale.ROOT);
        if (!LINES.contains(line)) {
            throw new Refused("line", "line must be one of " + String.join(", ", LINES));
        }
        return line;
    }

    private static void compare(List<String[]> changes, String field, String old, String now) {
        if (!Objects.equals(old, now)) {
            changes.add(new String[] {field, old, now});
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
