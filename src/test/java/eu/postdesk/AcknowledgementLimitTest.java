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
        awaitSpoolSettled();
        eventually("four tickets", () -> ticketsOf(robot).size() == 4);
        Thread.sleep(500);
        assertThat(relayedTo(robot)).hasSize(2);
    }
}
