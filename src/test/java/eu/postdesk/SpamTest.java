package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.pipeline.RealRspamd;

/** The spam check against a real rspamd: GTUBE makes no ticket and no acknowledgement; ordinary mail files; rspamd stopping loses nothing. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpamTest extends RunningPostdesk {
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    static final RealRspamd rspamd = startRspamd();

    private static RealRspamd startRspamd() {
        if (!RealRspamd.installed()) {
            return null;
        }
        try {
            return new RealRspamd();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @BeforeAll
    static void needsRspamd() {
        assumeTrue(rspamd != null, "the spam tests need the Debian package rspamd");
    }

    @DynamicPropertySource
    static void spamFilter(DynamicPropertyRegistry registry) {
        if (rspamd == null) {
            return;
        }
        registry.add("postdesk.spam.rspamd-url", () -> rspamd.url().toString());
        registry.add("postdesk.spam.pass-unchecked-after", () -> "4s");
        registry.add("logging.level.eu.postdesk.pipeline", () -> "DEBUG");
    }

    @AfterAll
    static void stopRspamd() throws InterruptedException {
        if (rspamd != null) {
            rspamd.stop();
        }
    }

    @Test
    @Order(1)
    void gtubeIsSpamAndMakesNoTicketAndNoAcknowledgement() throws Exception {
        String sender = "forged@spam.example";
        deliver(sender, SUPPORT, mail(sender, "Cheap watches", "Buy now. " + GTUBE));
        awaitSpoolSettled();

        assertThat(ticketsOf(sender)).isEmpty();
        assertThat(relayedTo(sender)).isEmpty();
        assertThat(api("/dropped").valueStream().map(d -> d.get("reason").asString()))
                .anyMatch(reason -> reason.startsWith("spam: rspamd action 'reject'"));
        assertThat(api("/spam").valueStream().map(s -> s.get("from").asString())).contains(sender);
    }

    @Test
    @Order(2)
    void ordinarySupportMailIsNotSpam() throws Exception {
        String customer = "elsa@school.example";
        deliver(customer, SUPPORT, mail(customer, "Schedule wrong",
                "Hello,\r\n\r\nthe schedule for class 4B shows the wrong teacher on Tuesdays. Could you check it?\r\n\r\nThanks, Elsa"));
        eventually("the ticket and its acknowledgement", () -> ticketsOf(customer).size() == 1 && relayedTo(customer).size() == 1);
        assertThat(api("/spam").valueStream().map(s -> s.get("from").asString())).doesNotContain(customer);
    }

    @Test
    @Order(3)
    void mailArrivingWhileRspamdIsDownIsNotLost() throws Exception {
        rspamd.stop();
        String customer = "olaf@down.example";
        deliver(customer, SUPPORT, mail(customer, "Printer jam", "The printer on floor 2 jams every morning."));

        // it waits for the filter, then passes unchecked after postdesk.spam.pass-unchecked-after
        eventually("the ticket", () -> ticketsOf(customer).size() == 1, Duration.ofSeconds(40));
        assertThat(api("/quarantine").valueStream().map(q -> q.get("from").asString())).doesNotContain(customer);
    }
}
