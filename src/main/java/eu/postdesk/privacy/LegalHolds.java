package eu.postdesk.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Legal holds: a ticket (by number) or a customer (by address) that no retention rule and no erasure
 * touches until the hold is lifted. Each hold says why and who placed it.
 */
@Component
public class LegalHolds {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PrivacyRecord record;

    public LegalHolds(JdbcTemplate jdbc, Clock clock, PrivacyRecord record) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.record = record;
    }

    /** Places a hold on a ticket (by number) or a customer, recorded in the audit trail; returns its id. */
    public long place(Long ticketNumber, String customer, String reason, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var s = connection.prepareStatement("insert into legal_holds (ticket_number, customer, reason, placed_by, placed_at) values (?, ?, ?, ?, ?)",
                    new String[] {"id"});
            s.setObject(1, ticketNumber);
            s.setString(2, customer == null ? null : customer.strip().toLowerCase(Locale.ROOT));
            s.setString(3, reason);
            s.setString(4, by);
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            return s;
        }, key);
        long id = key.getKey().longValue();
        record.hold(by, "legal hold " + id + " placed on " + (ticketNumber != null ? "ticket " + ticketNumber : "a customer"));
        return id;
    }

    /** Lifts a hold, recorded in the audit trail; false when there is none with this id. */
    public boolean lift(long id, String by) {
        if (jdbc.update("delete from legal_holds where id = ?", id) != 1) {
            return false;
        }
        record.hold(by, "legal hold " + id + " lifted");
        return true;
    }

    public List<Map<String, Object>> all() {
        return jdbc.query("select id, ticket_number, customer, reason, placed_by, placed_at from legal_holds order by id", (rs, n) -> {
            Map<String, Object> hold = new LinkedHashMap<>();
            hold.put("id", rs.getLong("id"));
            hold.put("ticket", rs.getObject("ticket_number", Long.class));
            hold.put("customer", rs.getString("customer"));
            hold.put("reason", rs.getString("reason"));
            hold.put("placedBy", rs.getString("placed_by"));
            hold.put("placedAt", rs.getTimestamp("placed_at").toInstant().toString());
            return hold;
        });
    }

    /** Whether a hold stops anything from happening to this ticket: held itself, or its customer or a participant is held. */
    public boolean holdsTicket(long ticketId) {
        return jdbc.queryForObject("select count(*) from legal_holds h where h.ticket_number = (select number from tickets where id = ?)"
                + " or h.customer = (select lower(customer) from tickets where id = ?)"
                + " or h.customer in (select address from participants where ticket_id = ?)", Integer.class, ticketId, ticketId, ticketId) > 0;
    }

    /** Whether this customer (address) is held. */
    public boolean holdsCustomer(String address) {
        return address != null && jdbc.queryForObject("select count(*) from legal_holds where customer = ?", Integer.class,
                address.strip().toLowerCase(Locale.ROOT)) > 0;
    }
}
