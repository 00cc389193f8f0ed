package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.pipeline.RealSpamd;
import eu.postdesk.pipeline.SpamBox;
import eu.postdesk.pipeline.Spamd;

/** SpamAssassin's spamd as the spam filter: GTUBE waits in the spam box, ordinary mail files, and spamd learns spam when told. */
class SpamdTest extends RunningPostdesk {
    static final RealSpamd spamd = start();

    private static RealSpamd start() {
        if (!RealSpamd.installed()) {
            return null;
        }
        try {
            return new RealSpamd();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @BeforeAll
    static void needsSpamd() {
        assumeTrue(spamd != null, "the spamd tests need the Debian packages spamassassin and spamd");
    }

    @DynamicPropertySource
    static void spamFilter(DynamicPropertyRegistry registry) {
        if (spamd != null) {
            registry.add("postdesk.spam.spamd-address", spamd::address);
        }
    }

    @AfterAll
    static void stopSpamd() {
        if (spamd != null) {
            spamd.close();
        }
    }

    @Autowired
    SpamBox spamBox;
    @Autowired
    Spamd filter;

    @Test
    void gtubeWaitsInTheSpamBoxWithSpamdsVerdictAndOrdinaryMailIsFiled() throws Exception {
        String spammer = "forged@spam.example";
        deliver(spammer, SUPPORT, mail(spammer, "Cheap watches", "Buy now. " + SpamTest.GTUBE));
        String customer = "elsa@school.example";
        deliver(customer, SUPPORT, mail(customer, "Schedule wrong",
                "Hello,\r\n\r\nthe schedule for class 4B shows the wrong teacher on Tuesdays. Could you check it?\r\n\r\nThanks, Elsa"));

        eventually("the customer's ticket and acknowledgement", () -> ticketsOf(customer).size() == 1 && relayedTo(customer).size() == 1);
        eventually("the spam in the spam box", () -> spamBox.entries().stream().anyMatch(e -> spammer.equals(e.from())));
        SpamBox.Entry kept = spamBox.entries().stream().filter(e -> spammer.equals(e.from())).findFirst().orElseThrow();
        assertThat(kept.filter()).isEqualTo("spamd");
        assertThat(kept.verdict()).startsWith("spam: spamd action 'spam', score ");
        assertThat(ticketsOf(spammer)).isEmpty();
        assertThat(relayedTo(spammer)).isEmpty();
    }

    @Test
    void spamdLearnsAMessageAsSpamWhenTold() throws Exception {
        Path message = Files.createTempFile("learn-", ".eml");
        try {
            Files.writeString(message, mail("bulk@offers.example", "Limited offer", "Buy our cheap watches today, limited offer, click now."));
            assertThat(filter.learnSpam(message)).as("spamd set the message as spam in its Bayes database").isTrue();
        } finally {
            Files.delete(message);
        }
    }
}
