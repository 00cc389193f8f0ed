package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.privacy.SealedOriginals;
import tools.jackson.databind.JsonNode;

/**
 * A person's erasure on a real H2 file database and the real file stores: after it (and a compaction
 * of the stopped database) not one byte of the data directory names their address or the words they
 * wrote (filed, dropped or quarantined), their data key is gone with every copy of it, and the other customers' tickets are whole; a
 * ticket they shared with another customer keeps the other's part.
 */
class ErasureEndToEndTest {
    private static final String ANNA = "anna.erasure@example.com";
    private static final String BOB = "bob.keeps@example.org";
    private static final String CAROL = "carol.shares@example.net";

    @RegisterExtension
    static final GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static String mail(String from, String subject, String body, String... headers) {
        return "From: " + from + "\r\nTo: " + PrivacyServer.SUPPORT + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@customer.example>\r\n" + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList())
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    private static String withAttachment(String from, String subject, String body, String attached) {
        return "From: " + from + "\r\nTo: " + PrivacyServer.SUPPORT + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n"
                + "--b1\r\nContent-Type: text/plain; name=\"notes.txt\"\r\nContent-Disposition: attachment; filename=\"notes.txt\"\r\n\r\n"
                + attached + "\r\n--b1--\r\n";
    }

    @Test
    void anErasedPersonLeavesNoByteInTheDataDirectoryAndOthersKeepTheirTickets() throws Exception {
        Path data = Files.createTempDirectory("postdesk-erasure-");
        String erasureId;
        byte[] annasWrappedKey;
        try (PrivacyServer paused = new PrivacyServer(data, relay.getSmtp().getPort(), List.of("--postdesk.pipeline.enabled=false"))) {
            paused.deliver(ANNA, mail(ANNA, "Okapi question", "The okapiword message that kills the pipeline."));
            // what five kills in the middle of processing leave: the next start quarantines it, sealed under anna's key
            paused.jdbc.update("update spool set state = 'processing', attempts = 5");
        }
        try (PrivacyServer server = new PrivacyServer(data, relay.getSmtp().getPort())) {
            server.deliver(ANNA, withAttachment(ANNA, "Zebrafinch invoice", "My quokkaword account is broken.", "wombatfile contents"));
            server.deliver(ANNA, mail(ANNA, "Narwhal delivery", "The axolotlword parcel never came."));
            server.deliver(ANNA, mail(ANNA, "Out of office", "I am away, pangolinword.", "Auto-Submitted: auto-replied"));
            server.deliver(BOB, withAttachment(BOB, "Printer jams", "The bobprinter jams daily.", "bobattachment"));
            String carolsId = "<carol-" + java.util.UUID.randomUUID() + "@customer.example>";
            server.deliver(CAROL, mail(CAROL, "Shared office", "The carolword light is out.").replaceFirst("Message-ID: <[^>]+>", "Message-ID: " + carolsId));
            server.awaitSettled();
            assertThat(server.jdbc.queryForObject("select count(*) from spool where sealed_for = ?", Integer.class, ANNA))
                    .as("anna's quarantined message is kept sealed in the spool").isEqualTo(1);
            server.deliver(ANNA, mail(ANNA, "Re: Shared office", "Mine too, anteaterword.", "In-Reply-To: " + carolsId));
            server.awaitSettled();
            assertThat(server.jdbc.queryForObject("select count(*) from dropped where from_address = ?", Integer.class, ANNA))
                    .as("the auto-reply was dropped, its spool row kept").isEqualTo(1);
            long shared = server.jdbc.queryForObject("select number from tickets where customer = ?", Long.class, CAROL);
            assertThat(server.jdbc.queryForObject("select count(*) from messages m join tickets t on t.id = m.ticket_id where t.number = ?",
                    Integer.class, shared)).as("anna's reply joined carol's ticket").isEqualTo(2);
            annasWrappedKey = server.jdbc.queryForObject("select wrapped_key from customer_keys where customer = ?", byte[].class, ANNA);

            JsonNode created = server.officer("POST", "/privacy/erasures",
                    Map.of("subjects", List.of(ANNA.toUpperCase()), "reason", "the customer asked by phone on 2026-11-30"), 201);
            assertThat(created.get("status").asString()).isEqualTo("awaiting-confirmation");
            assertThat(created.get("preview").get("tickets")).hasSize(3);
            assertThat(created.get("preview").get("messages").asInt()).isEqualTo(3);
            assertThat(created.get("preview").get("attachments").asInt()).isEqualTo(1);
            erasureId = created.get("id").asString();
            assertThat(server.jdbc.queryForObject("select count(*) from tickets where customer = ?", Integer.class, ANNA))
                    .as("nothing is erased before the confirmation").isEqualTo(2);

            JsonNode confirmed = server.officer("POST", "/privacy/erasures/" + erasureId + "/confirm", null, 200);
            assertThat(confirmed.get("status").asString()).isEqualTo("done");
            server.officer("POST", "/privacy/erasures/" + erasureId + "/confirm", null, 409);
            JsonNode receipt = server.officer("GET", "/privacy/erasures/" + erasureId, null, 200).get("receipt");
            assertThat(receipt.get("erased").get("messages").asInt()).isEqualTo(3);
            assertThat(receipt.get("erased").get("dropped").asInt()).isEqualTo(1);
            assertThat(receipt.get("erased").get("quarantined").asInt()).isEqualTo(1);
            assertThat(receipt.get("ticketsShared").get(0).asLong()).isEqualTo(shared);
            assertThat(receipt.get("dataKeyDestroyed").asBoolean()).isTrue();
            assertThat(server.receiptVerifies(receipt)).as("the receipt's Ed25519 signature verifies").isTrue();
            assertThat(receipt.get("document").asString()).doesNotContainIgnoringCase(ANNA);
        }

        PrivacyServer.compact(data);
        List<byte[]> needles = PrivacyServer.needles(ANNA, "Zebrafinch", "quokkaword", "wombatfile", "Narwhal", "axolotlword",
                "pangolinword", "anteaterword", "Okapi", "okapiword");
        needles.add(annasWrappedKey);
        assertThat(PrivacyServer.filesHolding(data, needles)).as("bytes of the erased person anywhere in the data directory").isEmpty();
        assertThat(PrivacyServer.filesHolding(data, PrivacyServer.needles(BOB, "bobprinter", "bobattachment", "carolword")))
                .as("the search finds what is still there").isNotEmpty();

        try (PrivacyServer again = new PrivacyServer(data, relay.getSmtp().getPort())) {
            SealedOriginals originals = again.context.getBean(SealedOriginals.class);
            assertThat(originals.hasKeyOf(ANNA)).as("anna's data key is destroyed").isFalse();
            long bobsMessage = again.jdbc.queryForObject("select m.id from messages m join tickets t on t.id = m.ticket_id where t.customer = ?", Long.class, BOB);
            assertThat(originals.open(bobsMessage)).as("bob's original still opens").isPresent();
            originals.open(bobsMessage).get().content().close();
            assertThat(again.jdbc.queryForObject("select count(*) from attachments a join messages m on m.id = a.message_id join tickets t on t.id = m.ticket_id"
                    + " where t.customer = ? and a.content_file is not null", Integer.class, BOB)).isEqualTo(1);
            List<String> carolsSenders = again.jdbc.queryForList("select m.from_address from messages m join tickets t on t.id = m.ticket_id where t.customer = ?",
                    String.class, CAROL);
            assertThat(carolsSenders).as("the shared ticket keeps carol's part only").containsExactly(CAROL);
            assertThat(again.jdbc.queryForList("select address from participants p join tickets t on t.id = p.ticket_id where t.customer = ?", String.class, CAROL))
                    .containsExactly(CAROL);
            assertThat(again.officer("GET", "/privacy/erasures/" + erasureId, null, 200).get("status").asString()).isEqualTo("done");
        }
    }
}
