package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.privacy.SealedOriginals;
import tools.jackson.databind.JsonNode;

/**
 * Retention as data, with the server's clock moved on: a ticket closed more than a year ago is
 * erased to the last byte of the data directory and its customer forgotten; a held ticket stays
 * until its hold is lifted; an active ticket stays but loses its sealed original (its masked copy
 * stays); the preview said so beforehand and the run is recorded.
 */
class RetentionEndToEndTest {
    private static final String LENA = "lena.closed@example.com";
    private static final String OTTO = "otto.active@example.org";
    private static final String HANNA = "hanna.held@example.net";

    @RegisterExtension
    static final GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @AfterEach
    void clockBack() {
        MovedClock.reset();
    }

    @Test
    void aRetentionRunWithTheClockMovedOnErasesWhatIsDueAndNothingHeldOrActive() throws Exception {
        MovedClock.reset();
        Path data = Files.createTempDirectory("postdesk-retention-");
        Path conf = data.resolveSibling(data.getFileName() + "-conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("retention.yml"), """
                rules:
                  - name: closed tickets after a year
                    kind: closed-tickets
                    days: 365
                  - name: sealed originals after 30 days
                    kind: sealed-originals
                    days: 30
                forget-customers: true
                """);
        long lenasTicket;
        long hannasTicket;
        long hold;
        try (PrivacyServer server = new PrivacyServer(data, relay.getSmtp().getPort(), MovedClock.class)) {
            server.deliver(LENA, RunningPostdeskMail.plain(LENA, "Capybara refund", "Please refund my tapirword order."));
            server.deliver(OTTO, RunningPostdeskMail.plain(OTTO, "Still open", "The ottoword question."));
            server.deliver(HANNA, RunningPostdeskMail.plain(HANNA, "Disputed", "The hannaword dispute."));
            server.awaitSettled();
            server.jdbc.update("update tickets set status = 'closed', closed_at = current_timestamp where customer in (?, ?)", LENA, HANNA);
            lenasTicket = server.jdbc.queryForObject("select number from tickets where customer = ?", Long.class, LENA);
            hannasTicket = server.jdbc.queryForObject("select number from tickets where customer = ?", Long.class, HANNA);
            hold = server.officer("POST", "/privacy/holds", Map.of("ticket", hannasTicket, "reason", "court case 12/2026"), 201).get("id").asLong();

            JsonNode nothingYet = server.officer("GET", "/privacy/retention/preview", null, 200).get("rules");
            assertThat(nothingYet.get(0).get("tickets")).as("nothing is due today").isEmpty();

            MovedClock.move(Duration.ofDays(400));
            JsonNode preview = server.officer("GET", "/privacy/retention/preview", null, 200).get("rules");
            assertThat(preview.get(0).get("tickets").valueStream().map(JsonNode::asLong).toList()).containsExactly(lenasTicket);
            assertThat(preview.get(1).get("count").asInt()).as("the held ticket keeps its original").isEqualTo(2);

            JsonNode run = server.officer("POST", "/privacy/retention/runs", null, 201);
            assertThat(run.get("status").asString()).isEqualTo("done");
            assertThat(run.get("rules").get(0).get("tickets").valueStream().map(JsonNode::asLong).toList()).containsExactly(lenasTicket);
            assertThat(server.officer("GET", "/privacy/retention/runs", null, 200).get(0).get("id").asLong()).isEqualTo(run.get("id").asLong());

            long ottosMessage = server.jdbc.queryForObject("select m.id from messages m join tickets t on t.id = m.ticket_id where t.customer = ?", Long.class, OTTO);
            SealedOriginals originals = server.context.getBean(SealedOriginals.class);
            assertThat(originals.open(ottosMessage)).as("otto's sealed original is gone").isEmpty();
            assertThat(server.jdbc.queryForObject("select new_text from messages where id = ?", String.class, ottosMessage))
                    .as("its masked copy stays").contains("ottoword");
            assertThat(server.jdbc.queryForObject("select count(*) from tickets where number = ?", Integer.class, hannasTicket)).isEqualTo(1);
            long hannasMessage = server.jdbc.queryForObject("select m.id from messages m join tickets t on t.id = m.ticket_id where t.number = ?", Long.class, hannasTicket);
            assertThat(originals.open(hannasMessage)).as("the held ticket keeps its original").isPresent();
            originals.open(hannasMessage).get().content().close();
            assertThat(originals.hasKeyOf(LENA)).as("lena, with nothing left, is forgotten").isFalse();
        }

        PrivacyServer.compact(data);
        assertThat(PrivacyServer.filesHolding(data, PrivacyServer.needles(LENA, "Capybara", "tapirword"))).isEmpty();
        assertThat(PrivacyServer.filesHolding(data, PrivacyServer.needles(OTTO, HANNA, "hannaword"))).isNotEmpty();

        MovedClock.move(Duration.ofDays(400));
        try (PrivacyServer again = new PrivacyServer(data, relay.getSmtp().getPort(), MovedClock.class)) {
            again.officer("DELETE", "/privacy/holds/" + hold, null, 204);
            JsonNode run = again.officer("POST", "/privacy/retention/runs", null, 201);
            assertThat(run.get("rules").get(0).get("tickets").valueStream().map(JsonNode::asLong).toList())
                    .as("lifted, the hold no longer keeps the ticket").containsExactly(hannasTicket);
            assertThat(again.jdbc.queryForList("select customer from tickets", String.class)).containsExactly(OTTO);
            assertThat(again.officer("GET", "/privacy/holds", null, 200)).isEmpty();
        }
    }
}
