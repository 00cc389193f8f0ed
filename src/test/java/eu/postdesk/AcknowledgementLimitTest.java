package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "postdesk.acknowledgement.max-per-hour=2")
class AcknowledgementLimitTest extends RunningPostdesk {

    @Test
    void acknowledgementsToOneAddressAreLimitedSoThatTwoAutoRespondersCannotLoop() throws Exception {
        String robot = "robot@responder.example";
        for (int i = 1; i <= 4; i++) {
            deliver(robot, SUPPORT, mail(robot, "Ticket request " + i, "Automated message number " + i));
        }
        // the fourth ticket is filed, and each acknowledgement is queued in its ticket's transaction:
        // every acknowledgement these messages could cause is in the outbox now
        eventually("four tickets", () -> ticketsOf(robot).size() == 4);
        awaitSpoolSettled();
        assertThat(acknowledgementsQueuedTo(robot)).isEqualTo(2);
        awaitOutboxDelivered();
        assertThat(relayedTo(robot)).hasSize(2);
    }

    @Test
    void theLimitCountsTheReplyToAddressWeActuallyWriteTo() throws Exception {
        String victim = "victim@target.example";
        for (int i = 1; i <= 4; i++) {
            String sender = "form" + i + "@mailer.example";
            deliver(sender, SUPPORT, mail(sender, "Contact form " + i, "Please call me back", "Reply-To: " + victim));
        }
        eventually("the fourth ticket", () -> ticketsOf("form4@mailer.example").size() == 1);
        awaitSpoolSettled();

        assertThat(acknowledgementsQueuedTo(victim)).isEqualTo(2);
        awaitOutboxDelivered();
        assertThat(relayedTo(victim)).hasSize(2);
    }

    @Test
    void oneSenderCannotSpreadAcknowledgementsOverManyReplyToAddresses() throws Exception {
        String sender = "sprayer@mailer.example";
        for (int i = 1; i <= 4; i++) {
            deliver(sender, SUPPORT, mail(sender, "Offer " + i, "Buy now", "Reply-To: target" + i + "@elsewhere.example"));
        }
        eventually("four tickets", () -> ticketsOf(sender).size() == 4);
        awaitSpoolSettled();

        int queued = 0;
        for (int i = 1; i <= 4; i++) {
            queued += acknowledgementsQueuedTo("target" + i + "@elsewhere.example");
        }
        assertThat(queued).isEqualTo(2);
        assertThat(acknowledgementsQueuedTo(sender)).isZero();
    }

    private int acknowledgementsQueuedTo(String address) {
        return jdbc.queryForObject("select count(*) from outbox where kind = 'ack' and recipient = ?", Integer.class, address);
    }

    private void awaitOutboxDelivered() {
        eventually("the outbox delivered", () -> jdbc.queryForObject("select count(*) from outbox where status = 'held'", Integer.class) == 0);
    }
}
