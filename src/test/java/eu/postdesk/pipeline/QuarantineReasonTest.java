package eu.postdesk.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;

/** A mailet whose exception quotes an address: the quarantine reason and the log name the failure, never the address. */
@ExtendWith(OutputCaptureExtension.class)
class QuarantineReasonTest extends RunningPostdesk {
    private static final String QUOTED = "mallory.quoted@customer.example";

    @DynamicPropertySource
    static void failingChain(DynamicPropertyRegistry registry) throws IOException {
        Path chain = Files.createTempFile("postdesk-failing-chain-", ".xml");
        Files.writeString(chain, """
                <mailetcontainer><processors>
                  <processor state="root">
                    <mailet match="All" class="eu.postdesk.pipeline.RejectHeaderSender"/>
                  </processor>
                  <processor state="error">
                    <mailet match="All" class="Quarantine"><reason>the pipeline could not file this message</reason></mailet>
                  </processor>
                </processors></mailetcontainer>
                """);
        registry.add("postdesk.pipeline.chain", chain::toString);
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
