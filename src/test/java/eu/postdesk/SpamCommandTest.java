package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import eu.postdesk.pipeline.RealRspamd;

/**
 * {@code #spam} by mail and {@code POST /api/tickets/{number}/spam} against a real rspamd: the
 * ticket is closed, its customer messages are marked as spam, nothing is relayed to the customer,
 * and rspamd's controller learns each customer message; with rspamd stopped the marking still
 * happens and the ticket says what was not taught.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpamCommandTest extends WorkingTickets {
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
        assumeTrue(rspamd != null, "the spam command tests need the Debian package rspamd");
    }

    @DynamicPropertySource
    static void spamFilter(DynamicPropertyRegistry registry) {
        if (rspamd == null) {
            return;
        }
        registry.add("postdesk.spam.rspamd-url", () -> rspamd.url().toString());
        registry.add("postdesk.spam.rspamd-controller-url", () -> rspamd.controllerUrl().toString());
        registry.add("postdesk.spam.pass-unchecked-after", () -> "3s");
    }

    @AfterAll
    static void stopRspamd() throws InterruptedException {
        if (rspamd != null) {
            rspamd.stop();
        }
    }

    @Test
    @Order(1)
    void spamByMailClosesTheTicketMarksItsMessagesRelaysNothingAndTeachesRspamd() throws Exception {
        Opened opened = ticketOf("offers@bulk.example", "Dear friend, our exclusive partner program offers you guaranteed monthly income "
                + "from home, no experience needed, register today and receive your welcome bonus with every new partner you invite.");
        customerReplies(opened, "Reminder: only three places left in the exclusive partner program, guaranteed income from your "
                + "own sofa, reply with your bank details and phone number to secure your place before midnight tonight.");
        long learnedBefore = learned();

        agentWrites(AGENT1, opened, "#Spam\r\n\r\nObvious partner-program spam.");

        eventually("the confirmation", () -> receiptsTo(AGENT1, opened.number()).size() == 1);
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).isEqualTo("closed");
        List<JsonNode> inbound = ticket.get("messages").valueStream().filter(m -> m.get("direction").asString().equals("inbound")).toList();
        assertThat(inbound).hasSize(2).allSatisfy(m -> assertThat(m.get("spam").asBoolean()).isTrue());
        JsonNode note = ticket.get("messages").valueStream().filter(m -> m.get("direction").asString().equals("note")).findFirst().orElseThrow();
        assertThat(note.get("text").asString()).isEqualTo("Obvious partner-program spam.");
        assertThat(note.get("spam").asBoolean()).isFalse();

        JsonNode spam = events(opened.number(), "spam").get(0);
        assertThat(spam.get("by").asString()).isEqualTo(AGENT1);
        assertThat(spam.get("channel").asString()).isEqualTo("mail");
        assertThat(spam.get("new").asString()).contains("2 customer message(s) marked as spam").contains("rspamd learned 2 of 2 as spam")
                .doesNotContain("not taught");
        JsonNode closed = events(opened.number(), "status").get(0);
        assertThat(closed.get("new").asString()).isEqualTo("closed");
        assertThat(closed.get("by").asString()).isEqualTo(AGENT1);
        assertThat(learned()).as("rspamd's controller counts what it learned").isGreaterThanOrEqualTo(learnedBefore + 2);

        // the confirmation was queued in the transaction that closed the ticket: nothing went to the customer in it
        assertThat(relayedTo(opened.customer())).as("the acknowledgement only").hasSize(1);
        assertThat(api("/outbox").valueStream().filter(m -> m.get("to").asString().equals(opened.customer())
                && m.get("kind").asString().equals("relay"))).isEmpty();
        assertThat(text(receiptsTo(AGENT1, opened.number()).get(0))).contains("status: new -> closed")
                .contains("spam: not spam -> 2 customer message(s) marked as spam").contains("Nothing was sent to the customer");
        try (var left = Files.list(properties.getDataDir().resolve("tmp"))) {
            assertThat(left).as("the clear copies for rspamd are gone").isEmpty();
        }
    }

    @Test
    @Order(2)
    void theApiMarksATicketAsSpamByTheSameRule() throws Exception {
        Opened opened = ticketOf("lottery@prize.example", "Congratulations, your address was drawn in the international email lottery, "
                + "claim your prize of one million euros by sending the processing fee to our agent in the next three days.");
        long learnedBefore = learned();
        String path = "/tickets/" + opened.number() + "/spam";
        assertThat(send("POST", path, ADMIN_TOKEN, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", path, PRIVACY_OFFICER_TOKEN, null).statusCode()).isEqualTo(403);

        var marked = send("POST", path, tokenFor("agent", AGENT2), null);

        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertThat(JSON.readTree(marked.body()).get("status").asString()).isEqualTo("closed");
        assertThat(JSON.readTree(marked.body()).get("spam").asString()).contains("rspamd learned 1 of 1 as spam");
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("messages").get(0).get("spam").asBoolean()).isTrue();
        JsonNode spam = events(opened.number(), "spam").get(0);
        assertThat(spam.get("by").asString()).isEqualTo(AGENT2);
        assertThat(spam.get("channel").asString()).isEqualTo("api");
        assertThat(learned()).isGreaterThanOrEqualTo(learnedBefore + 1);
        assertThat(relayedTo(opened.customer())).hasSize(1);

        // said twice: rspamd knows the message already, which is taught all the same
        var again = send("POST", path, tokenFor("supervisor", null), null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("spam").asString()).contains("rspamd learned 1 of 1 as spam").doesNotContain("not taught");
    }

    @Test
    @Order(3)
    void withRspamdDownTheTicketIsStillMarkedAndSaysWhatWasNotTaught() throws Exception {
        Opened opened = ticketOf("cheap@pills.example", "Cheap medication without prescription, discreet shipping worldwide, order "
                + "today and save seventy percent on every package, satisfaction guaranteed or your money back.");
        customerReplies(opened, "Last chance: cheap medication without prescription, discreet worldwide shipping, seventy percent "
                + "off every package until Friday, order now and get a second package for free with express delivery.");
        rspamd.stop();

        agentWrites(AGENT1, opened, "#spam");

        eventually("the confirmation", () -> receiptsTo(AGENT1, opened.number()).size() == 1);
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).isEqualTo("closed");
        assertThat(ticket.get("messages").get(0).get("spam").asBoolean()).isTrue();
        assertThat(ticket.get("messages").get(1).get("spam").asBoolean()).isTrue();
        // the first message found rspamd down; the second was not tried, so as not to wait out the timeout again
        assertThat(events(opened.number(), "spam").get(0).get("new").asString()).contains("rspamd learned 0 of 2 as spam")
                .contains("not taught: the filter did not take it (ConnectException), 1 more not tried");
        assertThat(relayedTo(opened.customer())).hasSize(1);
    }

    // --- the helpdesk around the tests

    @org.springframework.beans.factory.annotation.Autowired
    PostdeskProperties properties;

    /** A ticket opened by mail with enough words for rspamd's Bayes to learn from, and its notification's reply address. */
    private Opened ticketOf(String customer, String body) throws Exception {
        deliver(customer, SUPPORT, mail(customer, "Printer offline", body));
        eventually("the notification", () -> relayedTo(AGENT1).stream().anyMatch(m -> mentions(m, customer)));
        MimeMessage notification = relayedTo(AGENT1).stream().filter(m -> mentions(m, customer)).findFirst().orElseThrow();
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);
        return new Opened(ticketsOf(customer).get(0).get("number").asLong(),
                ((InternetAddress) notification.getReplyTo()[0]).getAddress(), customer);
    }

    /** How many messages rspamd's controller says it learned ({@code GET /stat}). */
    private static long learned() throws Exception {
        HttpResponse<String> stat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rspamd.controllerUrl() + "/stat")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stat.statusCode()).as(stat.body()).isEqualTo(200);
        return JSON.readTree(stat.body()).get("learned").asLong();
    }

    private List<MimeMessage> receiptsTo(String agent, long number) {
        return relayedTo(agent).stream().filter(m -> {
            try {
                return m.getSubject().startsWith("[#" + number + "] changed");
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String text(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
