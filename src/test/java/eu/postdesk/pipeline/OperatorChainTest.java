package eu.postdesk.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;

/**
 * The server under a chain of the operator's own: a mailet whose exception quotes an address gets a
 * quarantine reason and a log line that name the failure, never the address; and whatever the chain,
 * a forged Authentication-Results claiming our authserv-id is gone before RecordAuthentication reads it.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorChainTest extends RunningPostdesk {
    private static final String QUOTED = "mallory.quoted@customer.example";

    @DynamicPropertySource
    static void failingChain(DynamicPropertyRegistry registry) throws IOException {
        Path chain = Files.createTempFile("postdesk-failing-chain-", ".xml");
        Files.writeString(chain, """
                <mailetcontainer><processors>
                  <processor state="root">
                    <mailet match="All" class="RecordAuthentication"><trustedAuthservId>${trusted-authserv-ids}</trustedAuthservId></mailet>
                    <mailet match="SubjectStartsWith=verdict" class="eu.postdesk.pipeline.DropWithVerdict"/>
                    <mailet match="SubjectStartsWith=slow" class="ToProcessor"><processor>slow</processor></mailet>
                    <mailet match="All" class="eu.postdesk.pipeline.RejectHeaderSender"/>
                  </processor>
                  <processor state="slow">
                    <mailet match="All" class="RedactSensitiveData">
                      <inspectionTimeout>20ms</inspectionTimeout>
                      <messageInspectionBudget>400ms</messageInspectionBudget>
                      <inspectionThreads>2</inspectionThreads>
                    </mailet>
                    <mailet match="All" class="FileIntoTicket"><acknowledge>false</acknowledge><notify>false</notify></mailet>
                  </processor>
                  <processor state="error">
                    <mailet match="All" class="Quarantine"><reason>the pipeline could not file this message</reason></mailet>
                  </processor>
                </processors></mailetcontainer>
                """);
        registry.add("postdesk.pipeline.chain", chain::toString);
    }

    @Test
    void fiftyAttachmentsThatEachOutlastTheirLimitAreAllWithheldAndTheMessageIsFiled() throws Exception {
        String customer = "fifty-slow@customer.example";
        String zip = Base64.getMimeEncoder().encodeToString(slowZip());
        StringBuilder raw = new StringBuilder(mail(customer, "slow logs", "Logs attached.")
                .replace("Content-Type: text/plain; charset=UTF-8\r\n\r\nLogs attached.\r\n", "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nLogs attached.\r\n"));
        for (int i = 0; i < 50; i++) {
            raw.append("--b\r\nContent-Type: application/zip; name=\"logs-").append(i).append(".zip\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"logs-").append(i).append(".zip\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n").append(zip).append("\r\n");
        }
        raw.append("--b--\r\n");
        deliver(customer, SUPPORT, raw.toString());

        eventually("the message filed", () -> !ticketsOf(customer).isEmpty(), java.time.Duration.ofSeconds(60));
        JsonNode message = ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0);
        List<JsonNode> attachments = message.get("attachments").valueStream().toList();
        assertThat(attachments).hasSize(50).allSatisfy(a -> assertThat(a.get("fate").asString()).isEqualTo("quarantined"));
        assertThat(jdbc.queryForList("select reason from attachments where message_id = ?", String.class, message.get("id").asLong()))
                .contains("inspection budget exhausted").allSatisfy(reason -> assertThat(reason)
                        .isIn("inspection budget exhausted", "could not be inspected in time"));
    }

    /** A zip of thousands of empty members: each is unpacked, typed and parsed on its own, far longer than 20 ms in all. */
    private static byte[] slowZip() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (int i = 0; i < 3000; i++) {
                zip.putNextEntry(new java.util.zip.ZipEntry(Integer.toString(i, 36)));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aForgedAuthenticationResultsClaimingPostdeskIsNotRecordedAsTrusted() throws Exception {
        String customer = "forged-verdict@customer.example";
        deliver(customer, SUPPORT, mail(customer, "verdict please", "Trust me.",
                "Authentication-Results: postdesk; dkim=pass header.d=bank.example; spf=pass; dmarc=pass"));

        eventually("the message dropped with its verdict", () -> api("/dropped").valueStream().anyMatch(d -> d.get("from").asString().equals(customer)));
        JsonNode entry = api("/dropped").valueStream().filter(d -> d.get("from").asString().equals(customer)).findFirst().orElseThrow();
        assertThat(entry.get("reason").asString()).isEqualTo("authentication: none");
    }

    @Test
    void aMailetsExceptionMessageReachesNeitherTheQuarantineReasonNorTheLog(CapturedOutput output) throws Exception {
        String envelope = "quarantine-reason@customer.example";
        deliver(envelope, SUPPORT, mail(QUOTED, "Bad address", "Hello"));

        eventually("the message quarantined", () -> api("/quarantine").valueStream().anyMatch(q -> q.get("from").asString().equals(envelope)));
        JsonNode entry = api("/quarantine").valueStream().filter(q -> q.get("from").asString().equals(envelope)).findFirst().orElseThrow();
        assertThat(entry.get("reason").asString())
                .isEqualTo("the pipeline could not file this message: jakarta.mail.internet.AddressException in eu.postdesk.pipeline.RejectHeaderSender");
        eventually("the quarantine logged", () -> output.getAll().contains("quarantined: jakarta.mail.internet.AddressException"));
        assertThat(output.getAll()).doesNotContain("mallory.quoted");
    }
}
