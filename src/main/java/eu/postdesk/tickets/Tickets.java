package eu.postdesk.tickets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The tickets table and what hangs on it: participants, known Message-IDs, the audit trail. */
@Component
public class Tickets {
    private static final String COLUMNS = "id, number, subject, status, customer, language, created_at, updated_at, reply_address,"
            + " severity, line, assignee, queue, first_response_due, first_response_at, breached, solved_at, closed_at, follow_up_of, version";

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public Tickets(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Opens a ticket for {@code customer}, written back to at {@code replyAddress} (null: nowhere). */
    public Ticket open(String subject, String customer, String language, String replyAddress) {
        return open(subject, customer, language, replyAddress, null);
    }

    /**
     * Opens a ticket, status {@code new}; {@code followUpOf} is the id of the closed ticket the
     * customer wrote into (a closed ticket is never reopened), or null.
     */
    public Ticket open(String subject, String customer, String language, String replyAddress, Long followUpOf) {
        long number = jdbc.queryForObject("select nextval('ticket_numbers')", Long.class);
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(
                    "insert into tickets (number, subject, status, customer, language, created_at, updated_at, reply_address, follow_up_of)"
                            + " values (?, ?, 'new', ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            statement.setLong(1, number);
            statement.setString(2, subject);
            statement.setString(3, customer);
            statement.setString(4, language);
            statement.setTimestamp(5, Timestamp.from(now));
            statement.setTimestamp(6, Timestamp.from(now));
            statement.setString(7, replyAddress);
            statement.setObject(8, followUpOf);
            return statement;
        }, key);
        long id = key.getKey().longValue();
        addParticipant(id, customer);
        return byId(id).orElseThrow();
    }

    public Optional<Ticket> byNumber(long number) {
        return jdbc.query("select " + COLUMNS + " from tickets where number = ?", Tickets::row, number).stream().findFirst();
    }

    public Optional<Ticket> byId(long id) {
        return jdbc.query("select " + COLUMNS + " from tickets where id = ?", Tickets::row, id).stream().findFirst();
    }

    public List<Ticket> all() {
        return jdbc.query("select " + COLUMNS + " from tickets order by number", Tickets::row);
    }

    /** Something was added to the ticket (a message, a note): its version grows, so a stale ETag no longer matches. */
    public void touch(long ticketId) {
        jdbc.update("update tickets set updated_at = ?, version = version + 1 where id = ?", Timestamp.from(clock.instant()), ticketId);
    }

    /** Which tickets to list: null leaves a criterion out; {@code assignee} "nobody" means unassigned. */
    public record Query(String status, String assignee, Integer severity, String line, String queue, Boolean breached,
                        String visibleToLine, String visibleToAgent, int page, int size) {
    }

    /** The tickets matching {@code query}, by number, one page of them; and how many match in all. */
    public record Page(List<Ticket> tickets, long total) {
    }

    public Page find(Query query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        criterion(where, args, "status = ?", query.status());
        if ("nobody".equals(query.assignee())) {
            where.append(" and assignee is null");
        } else {
            criterion(where, args, "assignee = ?", query.assignee() == null ? null : query.assignee().toLowerCase(Locale.ROOT));
        }
        criterion(where, args, "severity = ?", query.severity());
        criterion(where, args, "line = ?", query.line());
        criterion(where, args, "queue = ?", query.queue() == null ? null : query.queue().toLowerCase(Locale.ROOT));
        criterion(where, args, "breached = ?", query.breached());
        if (query.visibleToLine() != null) {
            where.append(" and (line = ? or assignee = ?)");
            args.add(query.visibleToLine());
            args.add(String.valueOf(query.visibleToAgent()).toLowerCase(Locale.ROOT));
        }
        long total = jdbc.queryForObject("select count(*) from tickets" + where, Long.class, args.toArray());
        List<Object> paged = new java.util.ArrayList<>(args);
        paged.add(query.size());
        paged.add((long) query.page() * query.size());
        List<Ticket> page = jdbc.query("select " + COLUMNS + " from tickets" + where + " order by number limit ? offset ?",
                Tickets::row, paged.toArray());
        return new Page(page, total);
    }

    private static void criterion(StringBuilder where, List<Object> args, String condition, Object value) {
        if (value != null) {
            where.append(" and ").append(condition);
            args.add(value);
        }
    }

    public void addParticipant(long ticketId, String address) {
        if (address == null || isParticipant(ticketId, address)) {
            return;
        }
        jdbc.update("insert into participants (ticket_id, address) values (?, ?)", ticketId, address.toLowerCase(Locale.ROOT));
    }

    public boolean isParticipant(long ticketId, String address) {
        return address != null && jdbc.queryForObject("select count(*) from participants where ticket_id = ? and address = ?",
                Integer.class, ticketId, address.toLowerCase(Locale.ROOT)) > 0;
    }

    /** Remembers a Message-ID (ours or the customer's) so that a reply naming it joins this ticket. */
    public void rememberMessageId(long ticketId, String messageId) {
        if (messageId == null || messageId.isBlank() || messageId.length() > 998) {
            return;
        }
        if (jdbc.queryForObject("select count(*) from thread_ids where message_id = ?", Integer.class, messageId) == 0) {
            jdbc.update("insert into thread_ids (message_id, ticket_id) values (?, ?)", messageId, ticketId);
        }
    }

    /** The ticket that one of these Message-IDs belongs to, preferring the last one named. */
    /**
     * The ticket of the last of these Message-IDs that we know, in one query; the caller bounds the
     * list (see {@link Threading}).
     */
    public Optional<Long> ticketOfMessageIds(List<String> messageIds) {
        List<String> known = messageIds.stream().filter(id -> id != null && !id.isBlank() && id.length() <= 998).distinct().toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> tickets = new HashMap<>();
        String placeholders = String.join(", ", Collections.nCopies(known.size(), "?"));
        jdbc.query("select message_id, ticket_id from thread_ids where message_id in (" + placeholders + ")",
                (ResultSet rs) -> {
                    tickets.putIfAbsent(rs.getString("message_id"), rs.getLong("ticket_id"));
                }, known.toArray());
        for (int i = messageIds.size() - 1; i >= 0; i--) {
            Long ticket = tickets.get(messageIds.get(i));
            if (ticket != null) {
                return Optional.of(ticket);
            }
        }
        return Optional.empty();
    }

    /**
     * Records that {@code field} of {@code ticket} went from {@code oldValue} to {@code newValue}
     * (the caller has written the new value) as a ticket event of kind "changed", and publishes it
     * as a {@link TicketChange} to the listeners in this transaction.
     */
    public TicketChange recordChange(Ticket ticket, String field, String oldValue, String newValue, String actor, String channel) {
        Instant at = clock.instant();
        jdbc.update("insert into ticket_events (ticket_id, at, kind, detail, field, old_value, new_value, actor, channel)"
                        + " values (?, ?, 'changed', ?, ?, ?, ?, ?, ?)",
                ticket.id(), Timestamp.from(at), field + ": " + oldValue + " -> " + newValue, field, oldValue, newValue, actor, channel);
        TicketChange change = new TicketChange(ticket, field, oldValue, newValue, actor, channel, at);
        events.publishEvent(change);
        return change;
    }

    /** Publishes that a customer's message was filed into this ticket (see {@link MessageFiled}), to the listeners in this transaction. */
    public void recordFiling(Ticket ticket, boolean newTicket, PrivacyReport privacy) {
        events.publishEvent(new MessageFiled(ticket, newTicket, privacy, clock.instant()));
    }

    public void recordEvent(long ticketId, String kind, String detail) {
        jdbc.update("insert into ticket_events (ticket_id, at, kind, detail) values (?, ?, ?, ?)",
                ticketId, Timestamp.from(clock.instant()), kind, detail);
    }

    /** The ticket's audit trail, oldest first: kind, time and detail of each event. */
    public List<java.util.Map<String, Object>> events(long ticketId) {
        return jdbc.query("select at, kind, detail, field, old_value, new_value, actor, channel from ticket_events where ticket_id = ? order by id", (rs, n) -> {
            java.util.Map<String, Object> event = new java.util.LinkedHashMap<>();
            event.put("at", rs.getTimestamp("at").toInstant().toString());
            event.put("kind", rs.getString("kind"));
            event.put("detail", rs.getString("detail"));
            if (rs.getString("field") != null) {
                event.put("field", rs.getString("field"));
                event.put("old", rs.getString("old_value"));
                event.put("new", rs.getString("new_value"));
                event.put("by", rs.getString("actor"));
                event.put("channel", rs.getString("channel"));
            }
            return event;
        }, ticketId);
    }

    public List<String> participants(long ticketId) {
        return jdbc.queryForList("select address from participants where ticket_id = ? order by address", String.class, ticketId);
    }

    private static Ticket row(ResultSet rs, int n) throws SQLException {
        return new Ticket(rs.getLong("id"), rs.getLong("number"), rs.getString("subject"), rs.getString("status"),
                rs.getString("customer"), rs.getString("language"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("reply_address"),
                rs.getInt("severity"), rs.getString("line"), rs.getString("assignee"), rs.getString("queue"),
                instant(rs, "first_response_due"), instant(rs, "first_response_at"), rs.getBoolean("breached"),
                instant(rs, "solved_at"), instant(rs, "closed_at"), (Long) rs.getObject("follow_up_of", Long.class),
                rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
