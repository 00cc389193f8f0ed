package eu.postdesk.operations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.outbound.Outbox;

/**
 * Whether our mail leaves: DOWN while the oldest held mail has waited longer than
 * {@code postdesk.operations.outbox-held-age} (the relay is away or refuses), or when
 * {@code postdesk.operations.outbox-failures-per-day} mails of the last 24 hours failed for good.
 */
@Component("outboxHealthIndicator") // shown as "outbox"
class OutboxHealth implements HealthIndicator {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PostdeskProperties.Operations limits;

    OutboxHealth(JdbcTemplate jdbc, Clock clock, PostdeskProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limits = properties.getOperations();
    }

    @Override
    public Health health() {
        long held = jdbc.queryForObject("select count(*) from outbox where status = ?", Long.class, Outbox.HELD);
        Timestamp oldest = jdbc.queryForObject("select min(created_at) from outbox where status = ?", Timestamp.class, Outbox.HELD);
        long failed = jdbc.queryForObject("select count(*) from outbox where status = ? and created_at >= ?", Long.class,
                Outbox.FAILED, Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
        Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), clock.instant());
        boolean down = age.compareTo(limits.getOutboxHeldAge()) > 0 || failed >= limits.getOutboxFailuresPerDay();
        return (down ? Health.down() : Health.up())
                .withDetail("held", held)
                .withDetail("oldestHeldSeconds", Math.max(0, age.toSeconds()))
                .withDetail("failedLastDay", failed)
                .build();
    }
}
