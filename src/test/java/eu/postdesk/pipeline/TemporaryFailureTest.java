package eu.postdesk.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;

/**
 * A failure that may pass (here: the data directory's sealed folder cannot be written, as on a full
 * or remounted disk) does not quarantine a message for good: it is retried with backoff, counted,
 * and quarantined with the reason only after the last attempt; an admin can then retry it.
 */
@TestPropertySource(properties = {"postdesk.pipeline.max-attempts=4", "postdesk.pipeline.first-retry=1s"})
class TemporaryFailureTest extends RunningPostdesk {
    @Autowired
    private PostdeskProperties properties;

    private Path sealed() {
        return properties.getDataDir().resolve("sealed");
    }

    private Path away() {
        return properties.getDataDir().resolve("sealed.away");
    }

    /** The folder of sealed originals replaced by a plain file: every filing fails to seal, whoever runs the tests (root too). */
    private void breakSealedFolder() throws IOException {
        Files.move(sealed(), away());
        Files.writeString(sealed(), "not a folder");
    }

    @AfterEach
    void repairSealedFolder() throws IOException {
        if (Files.isDirectory(away())) {
            Files.delete(sealed());
            Files.move(away(), sealed());
        }
    }

    @Test
    void aTemporaryFailureWhileFilingIsRetriedAndTheMessageIsFiledExactlyOnce() throws Exception {
        String customer = "hiccup@customer.example";
        breakSealedFolder();
        deliver(customer, SUPPORT, mail(customer, "Filed after a disk hiccup", "Please do not lose this."));

        eventually("a second attempt, postponed again", () -> attempts(customer) >= 2 && "pending".equals(state(customer)));
        assertThat(quarantinedFrom(customer)).as("a temporary failure does not quarantine").isZero();
        repairSealedFolder();

        eventually("the message filed", () -> "done".equals(state(customer)));
        assertThat(jdbc.queryForObject("select outcome from spool where envelope_from = ?", String.class, customer)).isEqualTo("filed");
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);
        eventually("every outgoing mail delivered", () -> jdbc.queryForObject("select count(*) from outbox where status <> 'sent'", Integer.class) == 0);
        assertThat(ticketsOf(customer)).hasSize(1);
        assertThat(ticketsOf(customer).get(0).get("messageCount").asInt()).isEqualTo(1);
        assertThat(relayedTo(customer)).hasSize(1);
        assertThat(quarantinedFrom(customer)).isZero();
    }

    @Test
    void afterTheLastAttemptTheMessageIsQuarantinedSealedWithTheReasonAndAnAdminCanRetryIt() throws Exception {
        String customer = "stuck@customer.example";
        breakSealedFolder();
        deliver(customer, SUPPORT, mail(customer, "Quarantined after four attempts", "Tajne!2024xyz is my password."));

        eventually("the quarantine entry", () -> quarantinedFrom(customer) == 1, java.time.Duration.ofSeconds(60));
        assertThat(attempts(customer)).isEqualTo(4);
        JsonNode entry = api("/quarantine").valueStream().filter(e -> customer.equals(e.get("from").asString())).findFirst().orElseThrow();
        assertThat(entry.get("reason").asString()).contains("4 times");
        String rawFile = jdbc.queryForObject("select raw_file from spool where envelope_from = ?", String.class, customer);
        byte[] kept = Files.readAllBytes(properties.getDataDir().resolve("spool").resolve(rawFile));
        assertThat(new String(kept, StandardCharsets.ISO_8859_1)).as("the quarantined copy is sealed")
                .doesNotContain("Tajne!2024xyz").doesNotContain("Quarantined after four attempts");
        assertThat(ticketsOf(customer)).isEmpty();

        repairSealedFolder();
        var retry = post("/quarantine/" + entry.get("id").asLong() + "/retry", ADMIN_TOKEN, Map.of());
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);

        eventually("the retried message filed", () -> "filed".equals(
                jdbc.queryForObject("select outcome from spool where envelope_from = ?", String.class, customer)));
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);
        assertThat(ticketsOf(customer)).hasSize(1);
        assertThat(quarantinedFrom(customer)).isZero();
        assertThat(post("/quarantine/" + entry.get("id").asLong() + "/retry", ADMIN_TOKEN, Map.of()).statusCode())
                .as("an entry is retried once").isEqualTo(404);
    }

    private int attempts(String sender) {
        return jdbc.queryForObject("select attempts from spool where envelope_from = ?", Integer.class, sender);
    }

    private String state(String sender) {
        return jdbc.queryForObject("select state from spool where envelope_from = ?", String.class, sender);
    }

    private int quarantinedFrom(String sender) {
        return jdbc.queryForObject("select count(*) from quarantine where from_address = ?", Integer.class, sender);
    }
}
