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

    private static final tools.jackson.databind.json.JsonMapper ANSWERS = tools.jackson.databind.json.JsonMapper.builder().build();

    @Test
    void aTicketMarkedAsSpamThroughTheApiIsLearnedBySpamd() throws Exception {
        String customer = "partners@bulk.example";
        // words of their own each run: spamd's Bayes database may outlive this instance, and a message it knows sets nothing
        String unique = java.util.UUID.randomUUID().toString().replace("-", " ");
        deliver(customer, SUPPORT, mail(customer, "Partner program", "Guaranteed income from home with our partner program, "
                + "register today and receive a welcome bonus for every partner you invite. Reference " + unique));
        eventually("the ticket", () -> ticketsOf(customer).size() == 1);
        long number = ticketsOf(customer).get(0).get("number").asLong();
        var issued = post("/tokens", ADMIN_TOKEN, java.util.Map.of("name", "spamd test agent", "role", "agent", "agent", AGENT1));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String token = ANSWERS.readTree(issued.body()).get("token").asString();

        var marked = post("/tickets/" + number + "/spam", token, java.util.Map.of());

        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertThat(ANSWERS.readTree(marked.body()).get("spam").asString()).contains("spamd learned 1 of 1 as spam").doesNotContain("not taught");
        assertThat(ticket(number).get("status").asString()).isEqualTo("closed");
        assertThat(ticket(number).get("messages").get(0).get("spam").asBoolean()).isTrue();
    }
}
