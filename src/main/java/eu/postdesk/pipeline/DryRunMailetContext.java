package eu.postdesk.pipeline;

import jakarta.mail.internet.MimeMessage;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.ingress.Mailboxes;
import eu.postdesk.outbound.Outbox;

/** The server's mailet context for a replay: mail a mailet sends is counted on the replay's trace, never queued. */
final class DryRunMailetContext extends PostdeskMailetContext {
    DryRunMailetContext(PostdeskProperties properties, Mailboxes mailboxes, Outbox outbox) {
        super(properties, mailboxes, outbox);
    }

    @Override
    protected void deliver(String sender, String recipient, MimeMessage message) {
        Replay.wouldSend(recipient);
    }
}
