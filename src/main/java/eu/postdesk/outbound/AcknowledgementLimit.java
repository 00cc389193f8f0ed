package eu.postdesk.outbound;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.postdesk.PostdeskProperties;

/**
 * The loop guard: at most {@code postdesk.acknowledgement.max-per-hour} acknowledgements an hour
 * to one address, and as many on behalf of one sender. Counting the address we actually write to
 * stops two auto-responders from looping; counting the sender as well stops anyone from making us
 * send acknowledgements (with a subject they choose) to ever new {@code Reply-To} addresses.
 * Filing asks it inside the filing transaction, under the locks of both sender and recipient.
 */
public class AcknowledgementLimit {
    private static final Logger log = LoggerFactory.getLogger(AcknowledgementLimit.class);
    private static final Duration WINDOW = Duration.ofHours(1);

    private final Outbox outbox;
    private final int perHour;

    public AcknowledgementLimit(Outbox outbox, PostdeskProperties properties) {
        this.outbox = outbox;
        this.perHour = properties.getAcknowledgement().getMaxPerHour();
    }

    /** Whether one more acknowledgement may go to {@code recipient} for a ticket of {@code sender}. */
    public boolean allows(String recipient, String sender) {
        Instant since = Instant.now().minus(WINDOW);
        boolean allowed = outbox.acknowledgementsTo(recipient, since) < perHour
                && outbox.acknowledgementsOnBehalfOf(sender, since) < perHour;
        if (!allowed) {
            log.info("acknowledgement limit of {} an hour reached for one address or sender; not acknowledging", perHour);
        }
        return allowed;
    }
}
