package eu.postdesk.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import eu.postdesk.ingress.MailboxHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of each polled mailbox ({@code postdesk.mailboxes}), tagged with the mailbox's configured
 * name: its lag ({@code postdesk_mailbox_lag_seconds}, the time since it last synced; NaN before the
 * first sync) and its backlog ({@code postdesk_mailbox_backlog}, what its server held that was not yet
 * imported at the last look). Counts and times only.
 */
@Component
class MailboxFigures implements MeterBinder {
    private final MailboxHealth mailboxes;
    private final Clock clock;
    private final java.util.List<String> names;

    MailboxFigures(MailboxHealth mailboxes, Clock clock, eu.postdesk.PostdeskProperties properties) {
        this.mailboxes = mailboxes;
        this.clock = clock;
        // the configured mailboxes: their pollers start after the meters are bound
        this.names = properties.getMailboxes().stream().map(eu.postdesk.PostdeskProperties.Mailbox::getName).toList();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : names) {
            Gauge.builder("postdesk.mailbox.lag", () -> now(name).map(m -> m.lastSyncAt() == null ? Double.NaN
                            : Duration.between(m.lastSyncAt(), clock.instant()).toMillis() / 1000.0).orElse(Double.NaN))
                    .description("seconds since the mailbox last synced").baseUnit("seconds").tag("mailbox", name).register(registry);
            Gauge.builder("postdesk.mailbox.backlog", () -> now(name).map(m -> (double) m.backlog()).orElse(Double.NaN))
                    .description("messages on the mailbox's server not yet imported, at the last look").tag("mailbox", name).register(registry);
        }
    }

    private Optional<MailboxHealth.Mailbox> now(String name) {
        return mailboxes.mailboxes().stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
