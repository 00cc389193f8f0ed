package eu.postdesk.operations;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.outbound.Outbox;
import eu.postdesk.spool.Spool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges read from the database at each scrape: the spool's depth by state
 * ({@code postdesk_spool_messages{state}}) and the outbox by status ({@code postdesk_outbox_mails{status}}).
 * Counts only: no address, subject or reason is ever a tag.
 */
@Component
class MailFigures implements MeterBinder {
    private final JdbcTemplate jdbc;

    MailFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : List.of(Spool.PENDING, Spool.PROCESSING)) {
            Gauge.builder("postdesk.spool.messages", () -> count("select count(*) from spool where state = ?", state))
                    .description("messages accepted and not yet settled, by state").tag("state", state).register(registry);
        }
        for (String status : List.of(Outbox.HELD, Outbox.SENT, Outbox.FAILED)) {
            Gauge.builder("postdesk.outbox.mails", () -> count("select count(*) from outbox where status = ?", status))
                    .description("mails in the outbox, by status").tag("status", status).register(registry);
        }
    }

    private double count(String sql, String value) {
        try {
            return jdbc.queryForObject(sql, Long.class, value);
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }
}
