package eu.postdesk.pipeline;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The time from SMTP's {@code 250} (the spool row's {@code received_at}) to the committed outcome
 * ({@code processed_at}), as {@code postdesk_mail_settled_seconds{outcome}}; the outcome is one of
 * the spool's fixed words (filed, duplicate, dropped, quarantined, relayed), never a reason.
 */
@Component
public class SettleLatency {
    private static final Set<String> OUTCOMES = Set.of("filed", "duplicate", "dropped", "quarantined", "relayed");
    private final JdbcTemplate jdbc;
    private final MeterRegistry registry;

    SettleLatency(JdbcTemplate jdbc, ObjectProvider<MeterRegistry> registry) {
        this.jdbc = jdbc;
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    void recordIfSettled(long spoolId) {
        try {
            List<Object[]> rows = jdbc.query("select received_at, processed_at, outcome from spool where id = ? and state = 'done' and processed_at is not null",
                    (rs, n) -> new Object[] {rs.getTimestamp(1), rs.getTimestamp(2), rs.getString(3)}, spoolId);
            if (rows.isEmpty()) {
                return;
            }
            Duration took = Duration.between(((Timestamp) rows.get(0)[0]).toInstant(), ((Timestamp) rows.get(0)[1]).toInstant());
            String outcome = OUTCOMES.contains(rows.get(0)[2]) ? (String) rows.get(0)[2] : "other";
            Timer.builder("postdesk.mail.settled").description("time from SMTP's 250 to the committed outcome")
                    .tag("outcome", outcome).publishPercentileHistogram().register(registry).record(took.isNegative() ? Duration.ZERO : took);
        } catch (RuntimeException databaseAway) {
            // a figure is not worth failing a message for
        }
    }
}
