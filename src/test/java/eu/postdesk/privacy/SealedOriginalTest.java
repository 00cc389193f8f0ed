package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import eu.postdesk.RunningPostdesk;

class SealedOriginalTest extends RunningPostdesk {
    @Autowired
    SealedOriginals originals;

    @Value("${postdesk.data-dir}")
    Path dataDir;

    private String tokenFor(String role) {
        // only a privacy officer issues privacy-officer tokens
        var issued = post("/tokens", role.equals("privacy-officer") ? PRIVACY_OFFICER_TOKEN : ADMIN_TOKEN, role.equals("agent")
                ? Map.of("name", "test " + role, "role", role, "agent", AGENT1) : Map.of("name", "test " + role, "role", role));
        return issued.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private long messageIdOf(String customer, String marker) throws Exception {
        deliver(customer, SUPPORT, mail(customer, "Sealed", "The original says " + marker));
        eventually("a ticket", () -> ticketsOf(customer).size() == 1);
        return ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0).get("id").asLong();
    }

    private String opened(long id) throws Exception {
        SealedOriginals.Original original = originals.open(id).orElseThrow();
        try (var in = original.content()) {
            byte[] bytes = in.readAllBytes();
            assertThat(bytes).hasSize((int) original.size());
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static boolean anyFileContains(Path folder, String marker) throws Exception {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(marker)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void eachMessageIsSealedUnderTheKeyOfThePersonWhoSentItNotOfTheTicketsCustomer() throws Exception {
        String customer = "olga@sealed.example";
        String colleague = "piet@sealed.example";
        String opening = mail(customer, "Sealed per sender", "Olga writes first.");
        deliver(customer, SUPPORT, opening);
        eventually("a ticket", () -> ticketsOf(customer).size() == 1);
        long number = ticketsOf(customer).get(0).get("number").asLong();
        String openingId = opening.replaceAll("(?s).*Message-ID: (<[^>]+>).*", "$1");
        deliver(colleague, SUPPORT, mail(colleague, "Re: Sealed per sender", "Piet joins the thread.", "In-Reply-To: " + openingId));
        eventually("the colleague's message on the same ticket", () -> ticket(number).get("messages").size() == 2);

        var messages = ticket(number).get("messages");
        long first = messages.get(0).get("id").asLong();
        long second = messages.get(1).get("id").asLong();
        assertThat(jdbc.queryForObject("select customer from sealed_originals where message_id = ?", String.class, first)).isEqualTo(customer);
        assertThat(jdbc.queryForObject("select customer from sealed_originals where message_id = ?", String.class, second)).isEqualTo(colleague);

        originals.destroyKeyOf(colleague);
        assertThat(originals.open(second)).as("the colleague's erasure reaches the colleague's message").isEmpty();
        assertThat(opened(first)).as("and leaves the customer's alone").contains("Olga writes first.");
    }

    @Test
    void theOriginalIsKeptOnlySealedAndTheSpoolForgetsIt() throws Exception {
        String marker = "sealed-marker-" + System.nanoTime();
        long id = messageIdOf("nora@sealed.example", marker);
        assertThat(jdbc.queryForList("select sealed_file from sealed_originals where message_id = ?", String.class, id))
                .singleElement().satisfies(name -> assertThat(new String(Files.readAllBytes(dataDir.resolve("sealed").resolve(name)),
                        StandardCharsets.ISO_8859_1)).doesNotContain(marker));
        assertThat(jdbc.queryForList("select raw from spool where raw is not null", byte[].class))
                .noneSatisfy(raw -> assertThat(new String(raw, StandardCharsets.ISO_8859_1)).contains(marker));
        eventually("the spool file to be deleted", () -> {
            try {
                return !anyFileContains(dataDir.resolve("spool"), marker);
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(opened(id)).contains(marker);
    }

    @Test
    void aPrivacyOfficerOpensAnOriginalForAStatedReasonAndTheLookIsAudited() throws Exception {
        String marker = "officer-marker-" + System.nanoTime();
        long id = messageIdOf("otto@sealed.example", marker);
        String officer = tokenFor("privacy-officer");

        assertThat(call("/messages/" + id + "/original", officer).statusCode()).as("no reason").isEqualTo(400);
        var opened = call("/messages/" + id + "/original?reason=customer%20asked%20for%20access%20(Art.%2015)", officer);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains(marker);

        var log = call("/privacy/audit", officer);
        assertThat(log.body()).contains("\"messageId\":" + id).contains("customer asked for access (Art. 15)").contains("test privacy-officer");
    }

    @Test
    void agentsAndAdminsMayNotOpenOriginals() throws Exception {
        long id = messageIdOf("pia@sealed.example", "agent-marker");
        assertThat(call("/messages/" + id + "/original?reason=just%20curious%20about%20it", tokenFor("agent")).statusCode()).isEqualTo(403);
        assertThat(call("/messages/" + id + "/original?reason=just%20curious%20about%20it", ADMIN_TOKEN).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from privacy_audit where message_id = ?", Integer.class, id)).isZero();
    }

    @Test
    void destroyingACustomersKeyMakesTheirOriginalsUnreadable() throws Exception {
        long id = messageIdOf("quinn@sealed.example", "erase-marker");
        assertThat(opened(id)).contains("erase-marker");
        assertThat(originals.destroyKeyOf("quinn@sealed.example")).isTrue();
        assertThat(originals.open(id)).isEmpty();
    }

    @Test
    void theGeneratedMasterKeyIsReadableOnlyByItsOwner() throws Exception {
        Path key = dataDir.resolve("master.key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
