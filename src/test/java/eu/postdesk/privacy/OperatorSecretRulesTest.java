package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;

/**
 * An operator drops a gitleaks-format rule file into {@code conf-dir/redaction/}: the shipped chain
 * reads it beside Postdesk's own rules, and agents see the operator's token kind masked (a token of
 * plain letters, which no built-in detector would take for a secret).
 */
class OperatorSecretRulesTest extends RunningPostdesk {
    private static final String TOKEN = "acmeint_supportdeskcustomerx";

    @DynamicPropertySource
    static void operatorsConf(DynamicPropertyRegistry registry) throws IOException {
        Path conf = Files.createTempDirectory("postdesk-operator-conf-");
        Files.createDirectories(conf.resolve("redaction"));
        Files.writeString(conf.resolve("redaction/acme.toml"), """
                [[rules]]
                id = "acme-internal-token"
                description = "ACME's internal API tokens"
                regex = '''\\bacmeint_[a-z]{20}\\b'''
                keywords = ["acmeint_"]
                """);
        registry.add("postdesk.conf-dir", conf::toString);
    }

    @Test
    void aRuleInTheOperatorsRedactionFolderMasksItsTokenKind() {
        String customer = "operator-rule@customer.example";
        deliverQuietly(customer, mail(customer, "our integration", "The token we use is " + TOKEN + " since Monday."));

        eventually("the message filed", () -> !ticketsOf(customer).isEmpty());
        JsonNode message = ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0);
        assertThat(message.get("text").asString()).doesNotContain(TOKEN).contains("since Monday");
        assertThat(message.get("privacy").get("redactions").toString()).contains("acme-internal-token");
    }

    private void deliverQuietly(String from, String raw) {
        try {
            deliver(from, SUPPORT, raw);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
