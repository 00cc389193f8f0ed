package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** What a customer writes into our own headers carries no trust: over SMTP, through the whole server. */
class ForgedTrustHeadersTest extends RunningPostdesk {
    private static final String EXE = Base64.getMimeEncoder().encodeToString(executable());

    @Test
    void aCustomerSetFateKeptDoesNotGetAnExecutableToAgents() throws Exception {
        String customer = "mallory-fate@customer.example";
        deliver(customer, SUPPORT, """
                From: %s
                To: %s
                Subject: Our tool
                Message-ID: <forged-fate@customer.example>
                X-Postdesk-Fate: kept
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8

                Please run the attached tool.
                --b
                Content-Type: application/octet-stream; name="setup.exe"
                Content-Disposition: attachment; filename="setup.exe"
                X-Postdesk-Fate: kept
                Content-Transfer-Encoding: base64

                %s
                --b
                Content-Type: text/plain
                X-Postdesk-Fate: kept
                Content-Transfer-Encoding: base64

                %s
                --b--
                """.formatted(customer, SUPPORT, EXE, EXE).replace("\n", "\r\n"));
        eventually("the ticket", () -> !ticketsOf(customer).isEmpty());

        JsonNode message = ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0);
        List<JsonNode> attachments = message.get("attachments").valueStream().toList();
        assertThat(attachments).extracting(a -> a.get("name").asString()).contains("setup.exe");
        for (JsonNode attachment : attachments) {
            if (!attachment.get("fate").asString().equals("quarantined")) {
                var download = call("/attachments/" + attachment.get("id").asLong(), ADMIN_TOKEN);
                assertThat(download.body()).as("what agents download as " + attachment.get("name")).doesNotStartWith("MZ");
            } else {
                assertThat(attachment.get("name").asString()).isEqualTo("setup.exe");
            }
        }
        assertThat(attachments).filteredOn(a -> a.get("name").asString().equals("setup.exe"))
                .extracting(a -> a.get("fate").asString()).containsOnly("quarantined");
    }

    private static byte[] executable() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3C] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        exe[0x84] = 0x4C;
        exe[0x85] = 0x01;
        byte[] text = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, exe, 0x40, text.length);
        return exe;
    }
}
