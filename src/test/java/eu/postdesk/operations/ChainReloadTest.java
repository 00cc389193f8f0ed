package eu.postdesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/pipeline/reload}: a changed chain file is swapped in without a restart and the
 * next message runs through it; a file that cannot run is refused with its line and problem, and
 * the chain that ran before keeps running.
 */
class ChainReloadTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SHIPPED;
    private static final Path CHAIN;
    private static final String PROBE = """
                <mailet match="SubjectStartsWith=reload-probe" class="DropNoise">
                    <reason>probe dropped by the reloaded chain</reason>
                </mailet>
                <mailet match="RecipientIsReplyAddress" class="ToProcessor">""";

    static {
        try {
            SHIPPED = Files.readString(Path.of("../conf/mailetcontainer.xml"));
            CHAIN = Files.createTempFile("postdesk-reload-chain-", ".xml");
            Files.writeString(CHAIN, SHIPPED);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void chainFile(DynamicPropertyRegistry registry) {
        registry.add("postdesk.pipeline.chain", CHAIN::toString);
    }

    private boolean droppedWithProbeReason(String sender) {
        return api("/dropped").valueStream().anyMatch(d -> sender.equals(d.get("from").asString())
                && d.get("reason").asString().equals("probe dropped by the reloaded chain"));
    }

    @Test
    void aChangedChainIsSwappedInAndABadOneIsRefusedWhileTheRunningChainStays() throws Exception {
        Files.writeString(CHAIN, SHIPPED.replace("<mailet match=\"RecipientIsReplyAddress\" class=\"ToProcessor\">", PROBE));
        var agent = JSON.readTree(post("/tokens", ADMIN_TOKEN, Map.of("name", "reload agent", "role", "agent", "agent", AGENT1)).body()).get("token").asString();
        assertThat(post("/pipeline/reload", agent, Map.of()).statusCode()).isEqualTo(403);

        var reloaded = post("/pipeline/reload", ADMIN_TOKEN, Map.of());
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(JSON.readTree(reloaded.body()).get("processors").valueStream().map(p -> p.asString()))
                .contains("root", "customer", "agent-answer", "error");
        deliver("probe-one@customer.example", SUPPORT, mail("probe-one@customer.example", "reload-probe one", "Dropped by the new chain."));
        eventually("the first probe dropped by the reloaded chain", () -> droppedWithProbeReason("probe-one@customer.example"));

        Files.writeString(CHAIN, SHIPPED.replace("class=\"SanitizeHtml\"", "class=\"SanitiseHtml\""));
        int line = SHIPPED.substring(0, SHIPPED.indexOf("class=\"SanitizeHtml\"")).split("\n", -1).length;
        var refused = post("/pipeline/reload", ADMIN_TOKEN, Map.of());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("message").asString())
                .contains("the running chain stays").contains(CHAIN.toString()).contains("line " + line).contains("unknown mailet 'SanitiseHtml'");
        deliver("probe-two@customer.example", SUPPORT, mail("probe-two@customer.example", "reload-probe two", "Still the probe chain."));
        eventually("the second probe dropped by the chain that kept running", () -> droppedWithProbeReason("probe-two@customer.example"));

        Files.writeString(CHAIN, SHIPPED);
        assertThat(post("/pipeline/reload", ADMIN_TOKEN, Map.of()).statusCode()).isEqualTo(200);
        deliver("probe-three@customer.example", SUPPORT, mail("probe-three@customer.example", "reload-probe three", "A ticket again."));
        eventually("the third probe filed by the shipped chain", () -> !ticketsOf("probe-three@customer.example").isEmpty());
        assertThat(droppedWithProbeReason("probe-three@customer.example")).isFalse();
    }
}
