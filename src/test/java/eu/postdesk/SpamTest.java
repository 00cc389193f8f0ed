package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import eu.postdesk.pipeline.RealRspamd;
import eu.postdesk.pipeline.SpamBox;

/**
 * The spam check against a real rspamd: GTUBE makes no ticket and no acknowledgement and waits in
 * the spam box, from which an admin can release it, until its keep time is up; ordinary mail files;
 * rspamd stopping loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Import(SpamTest.Clocks.class)
class SpamTest extends RunningPostdesk {
    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    MovableClock clock;
    @Autowired
    SpamBox spamBox;
    @Autowired
    PostdeskProperties properties;
    @Autowired
    eu.postdesk.pipeline.Rspamd filter;

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
        registry.add("postdesk.spam.rspamd-controller-url", () -> rspamd.controllerUrl().toString());
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
    void gtubeIsSpamAndMakesNoTicketAndNoAcknowledgementButWaitsInTheSpamBox() throws Exception {
        String sender = "forged@spam.example";
        deliver(sender, SUPPORT, mail(sender, "Cheap watches", "Buy now. " + GTUBE));
        awaitSpoolSettled();

        assertThat(ticketsOf(sender)).isEmpty();
        assertThat(relayedTo(sender)).isEmpty();
        var kept = api("/spam").valueStream().filter(s -> s.get("from").asString().equals(sender)).toList();
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("verdict").asString()).startsWith("spam: rspamd action 'reject'");
        assertThat(kept.get(0).get("keepUntil").asString()).isNotBlank();
        // kept, not dropped, and only sealed: the clear bytes are gone from the spool folder
        assertThat(api("/dropped").valueStream().map(d -> d.get("from").asString())).doesNotContain(sender);
        long spoolId = spamBox.entries().stream().filter(e -> sender.equals(e.from())).findFirst().orElseThrow().spoolId();
        assertThat(jdbc.queryForObject("select sealed_for from spool where id = ?", String.class, spoolId)).isEqualTo(sender);
        assertThat(jdbc.queryForObject("select raw_file from spool where id = ?", String.class, spoolId)).endsWith(".sealed");
    }

    @Test
    @Order(2)
    void anAdminReleasesSpamTheFilterGotWrongAndItIsFiledAfterAll() throws Exception {
        String sender = "real.customer@spam-looking.example";
        deliver(sender, SUPPORT, mail(sender, "Order 5512", "Where is my order? (my mail client adds this:) " + GTUBE));
        eventually("the message in the spam box", () -> spamBox.entries().stream().anyMatch(e -> sender.equals(e.from())));
        long id = spamBox.entries().stream().filter(e -> sender.equals(e.from())).findFirst().orElseThrow().id();
        assertThat(ticketsOf(sender)).isEmpty();

        assertThat(post("/spam/" + id + "/release", "not-a-token-0123456789", Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("/spam/" + id + "/release", ADMIN_TOKEN, Map.of()).statusCode()).isEqualTo(200);

        eventually("the released message filed and acknowledged", () -> ticketsOf(sender).size() == 1 && relayedTo(sender).size() == 1);
        assertThat(api("/spam").valueStream().filter(s -> s.get("id").asLong() == id).findFirst().orElseThrow().get("releasedAt").isNull()).isFalse();
        // released once: a second release finds nothing to release
        assertThat(post("/spam/" + id + "/release", ADMIN_TOKEN, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void spamIsErasedWhenItsKeepTimeIsUp() throws Exception {
        String sender = "another.forger@spam.example";
        deliver(sender, SUPPORT, mail(sender, "Prize", "You won. " + GTUBE));
        eventually("the message in the spam box", () -> spamBox.entries().stream().anyMatch(e -> sender.equals(e.from())));
        SpamBox.Entry entry = spamBox.entries().stream().filter(e -> sender.equals(e.from())).findFirst().orElseThrow();
        String file = jdbc.queryForObject("select raw_file from spool where id = ?", String.class, entry.spoolId());
        assertThat(file).isNotNull();

        assertThat(spamBox.eraseExpired()).as("nothing is due before its keep time").isZero();
        clock.advance(java.time.Duration.ofDays(31));
        assertThat(spamBox.eraseExpired()).isGreaterThanOrEqualTo(1);

        assertThat(api("/spam").valueStream().map(s -> s.get("from").asString())).doesNotContain(sender);
        assertThat(jdbc.queryForMap("select raw_file, sealed_for, envelope_from from spool where id = ?", entry.spoolId()).values()).containsOnlyNulls();
        try (var files = java.nio.file.Files.walk(properties.getDataDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain(file);
        }
    }

    @Test
    @Order(4)
    void rspamdLearnsAMessageAsSpamWhenTold() throws Exception {
        java.nio.file.Path message = java.nio.file.Files.createTempFile("learn-", ".eml");
        try {
            java.nio.file.Files.writeString(message, mail("bulk@offers.example", "Limited offer",
                    "Buy our cheap watches today, limited offer, click now. Many more words so that Bayes has tokens to learn from."));
            assertThat(filter.learnSpam(message)).isTrue();
        } finally {
            java.nio.file.Files.delete(message);
        }
    }

    @Test
    @Order(5)
    void ordinarySupportMailIsNotSpam() throws Exception {
        String customer = "elsa@school.example";
        deliver(customer, SUPPORT, mail(customer, "Schedule wrong",
                "Hello,\r\n\r\nthe schedule for class 4B shows the wrong teacher on Tuesdays. Could you check it?\r\n\r\nThanks, Elsa"));
        eventually("the ticket and its acknowledgement", () -> ticketsOf(customer).size() == 1 && relayedTo(customer).size() == 1);
        assertThat(api("/spam").valueStream().map(s -> s.get("from").asString())).doesNotContain(customer);
    }

    @Test
    @Order(6)
    void mailArrivingWhileRspamdIsDownIsNotLost() throws Exception {
        rspamd.stop();
        String customer = "olaf@down.example";
        deliver(customer, SUPPORT, mail(customer, "Printer jam", "The printer on floor 2 jams every morning."));

        // it waits for the filter, then passes unchecked after postdesk.spam.pass-unchecked-after
        eventually("the ticket", () -> ticketsOf(customer).size() == 1, Duration.ofSeconds(40));
        assertThat(api("/quarantine").valueStream().map(q -> q.get("from").asString())).doesNotContain(customer);
    }
}
