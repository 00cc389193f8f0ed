package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operators' "process again": a quarantined message, retried from the pipeline page, runs
 * through the chain again (the same service as {@code POST /api/quarantine/{id}/retry}); without
 * the form's CSRF token nothing is retried.
 */
class ConsoleOperatorsTest extends RunningConsole {
    private static final String SENDER = "quarantined@customer.example";

    @DynamicPropertySource
    static void failingChain(DynamicPropertyRegistry registry) throws IOException {
        Path chain = Files.createTempFile("postdesk-quarantining-chain-", ".xml");
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

    long quarantineEntry() {
        return jdbc.queryForObject("select coalesce(max(id), 0) from quarantine", Long.class);
    }

    @Test
    void anAdminProcessesAQuarantinedMessageAgainFromThePipelinePage() throws Exception {
        deliver(SENDER, SUPPORT, mail(SENDER, "Stuck", "This one fails."));
        eventually("the message quarantined", () -> jdbc.queryForObject("select count(*) from quarantine", Integer.class) == 1);
        long first = quarantineEntry();
        int attempts = jdbc.queryForObject("select count(*) from spool", Integer.class);

        Visitor admin = new Visitor(url(""));
        assertThat(admin.signIn(ADMIN, PASSWORD)).endsWith("/enrol");
        assertThat(admin.enrolTotp(clock.instant())).as("an admin starts at the pipeline").endsWith("/ops/pipeline");

        String pipeline = admin.get("/ops/pipeline").body();
        assertThat(pipeline).contains(SENDER, "the pipeline could not file this message", "action=\"/ops/quarantine/" + first + "/retry\"");
        assertThat(admin.post("/ops/quarantine/" + first + "/retry", "").statusCode()).as("without the CSRF token").isEqualTo(403);
        assertThat(quarantineEntry()).isEqualTo(first);

        var retried = admin.post("/ops/quarantine/" + first + "/retry", "_csrf=" + Visitor.token(pipeline));
        assertThat(retried.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/ops/pipeline"));
        // the chain still fails: the message is quarantined anew, as a new entry, from the same spooled copy
        eventually("the message run again and quarantined anew", () -> quarantineEntry() > first);
        assertThat(jdbc.queryForObject("select count(*) from quarantine", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from spool", Integer.class)).isEqualTo(attempts);
        assertThat(admin.get("/ops/pipeline").body()).contains("Quarantined message " + first + " is being processed again");

        // the active chain, read-only, with each mailet's figures: the failing mailet ran and failed
        String chain = admin.get("/ops/chain").body();
        assertThat(chain).contains("RejectHeaderSender").contains("id=\"mailet-figures\"");
        Matcher failing = Pattern.compile("<td>root</td><td>RejectHeaderSender</td>\\s*<td>\\d+</td><td>([1-9]\\d*)</td>").matcher(chain);
        assertThat(failing.find()).as("the failing mailet's errors are counted: " + chain).isTrue();

        // API tokens through the same service as /api/tokens: issued (shown once), used, revoked
        String tokens = admin.get("/ops/tokens").body();
        var issued = admin.post("/ops/tokens", "name=console+supervisor&role=supervisor&agent=&_csrf=" + Visitor.token(tokens));
        assertThat(issued.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/ops/tokens"));
        String afterIssue = admin.get("/ops/tokens").body();
        Matcher token = Pattern.compile("id=\"issued-token\">(pd_[0-9a-f]+)<").matcher(afterIssue);
        assertThat(token.find()).isTrue();
        assertThat(call("/stats", token.group(1)).statusCode()).isEqualTo(200);
        String listed = admin.get("/ops/tokens").body();
        assertThat(listed).contains("console supervisor").doesNotContain(token.group(1));
        Matcher revoke = Pattern.compile("action=\"/ops/tokens/([0-9a-f]{12})/revoke\"").matcher(listed);
        String id = null;
        while (revoke.find()) {
            id = revoke.group(1);
        }
        assertThat(id).isNotNull();
        admin.post("/ops/tokens/" + id + "/revoke", "_csrf=" + Visitor.token(listed));
        assertThat(call("/stats", token.group(1)).statusCode()).as("revoked").isEqualTo(401);
    }
}
