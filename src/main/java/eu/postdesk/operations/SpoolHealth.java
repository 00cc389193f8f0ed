package eu.postdesk.operations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.spool.Spool;

/**
 * Whether the pipeline keeps up: the messages accepted but not yet settled, and how long the
 * oldest has waited. DOWN (not ready) when that wait passes {@code postdesk.operations.spool-backlog-age}.
 */
@Component("spoolHealthIndicator") // shown as "spool"
class SpoolHealth implements HealthIndicator {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration limit;

    SpoolHealth(JdbcTemplate jdbc, Clock clock, PostdeskProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limit = properties.getOperations().getSpoolBacklogAge();
    }

    @Override
    public Health health() {
        long waiting = jdbc.queryForObject("select count(*) from spool where state <> ?", Long.class, Spool.DONE);
        Timestamp oldest = jdbc.queryForObject("select min(received_at) from spool where state <> ?", Timestamp.class, Spool.DONE);
        Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), clock.instant());
        Health.Builder health = age.compareTo(limit) > 0 ? Health.down() : Health.up();
        return health.withDetail("waiting", waiting)
                .withDetail("oldestWaitingSeconds", Math.max(0, age.toSeconds()))
                .withDetail("limitSeconds", limit.toSeconds())
                .build();
    }
}
