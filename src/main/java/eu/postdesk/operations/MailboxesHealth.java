package eu.postdesk.operations;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import eu.postdesk.ingress.MailboxHealth;

/**
 * Whether the polled mailboxes ({@code postdesk.mailboxes}) import: DOWN while one of them failed
 * at its last attempt. Details per mailbox: state, last sync, the last error as a fixed phrase (never
 * the server's text, a password or a token), backlog and counts. UP with none configured.
 */
@Component("mailboxesHealthIndicator") // shown as "mailboxes", part of readiness
class MailboxesHealth implements HealthIndicator {
    private final MailboxHealth mailboxes;

    MailboxesHealth(MailboxHealth mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public Health health() {
        Health.Builder health = mailboxes.healthy() ? Health.up() : Health.down();
        mailboxes.mailboxes().forEach(m -> health.withDetail(m.name(), m.asMap()));
        return health.build();
    }
}
