package eu.postdesk.mailets.redaction;

import eu.postdesk.detect.rules.SecretRules;
import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.MessagingException;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Postdesk's own secret rules ({@code conf/redaction/postdesk-secrets.toml}) through the mailet with
 * every detector: for each rule a support-mail line with a realistic secret (masked, reported under
 * the rule id) and a look-alike line (left as it is). Cases: {@code rules/postdesk-secrets-cases.tsv}.
 */
class SecretRulesMailetTest {
    record Case(String rule, String secret, String positive, String negative) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static RedactSensitiveData mailet;

    @BeforeAll
    static void setUp() throws MessagingException {
        mailet = mailet(Map.of());
    }

    private static RedactSensitiveData mailet(Map<String, String> parameters) throws MessagingException {
        RedactSensitiveData mailet = new RedactSensitiveData();
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RedactSensitiveData");
        parameters.forEach(config::setProperty);
        mailet.init(config.build());
        return mailet;
    }

    static List<Case> cases() throws IOException {
        try (InputStream in = SecretRulesMailetTest.class.getResourceAsStream("/rules/postdesk-secrets-cases.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", -1))
                    .map(fields -> new Case(fields[0], fields[1], fields[2], fields[3]))
                    .toList();
        }
    }

    private static FakeMail run(RedactSensitiveData mailet, String body) throws Exception {
        FakeMail mail = FakeMail.builder().name("mail").mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .setSubject("Problem with our integration").setText("Hello support,\n\n" + body + "\n\nRegards, Anna")).build();
        mailet.service(mail);
        return mail;
    }

    private static String text(FakeMail mail) throws Exception {
        return (String) AgentView.of(mail.getMessage()).message.getContent();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AttributeValue<?>> kinds(FakeMail mail) {
        return (Map<String, AttributeValue<?>>) mail.getAttribute(PostdeskAttributes.REDACTIONS_BY_KIND).orElseThrow().getValue().value();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serviceShouldMaskTheSecretOfEachRuleAndReportItsId(Case example) throws Exception {
        FakeMail mail = run(mailet, example.positive());

        assertThat(text(mail)).doesNotContain(example.secret())
                .contains(example.positive().replace(example.secret(), "[#1 ********]"));
        assertThat(kinds(mail)).containsOnlyKeys(example.rule());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serviceShouldLeaveTheLookAlikeOfEachRuleVisible(Case example) throws Exception {
        FakeMail mail = run(mailet, example.negative());

        assertThat(text(mail)).contains(example.negative());
        assertThat(kinds(mail)).isEmpty();
    }

    @Test
    void everyRuleOfOurSetShouldHaveACase() throws IOException {
        List<String> ids = SecretRules.defaults().rules().stream().map(rule -> rule.id()).toList();

        assertThat(cases().stream().map(Case::rule).toList()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void initShouldAddTheOperatorsRulesFromTheFolder(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("ours.toml"), """
                [[rules]]
                id = "acme-ticket-token"
                regex = '''\\b(acme_[0-9a-f]{24})\\b'''
                keywords = ["acme_"]
                """);
        RedactSensitiveData withOperatorRules = mailet(Map.of("secretRules", folder.toString()));

        FakeMail mail = run(withOperatorRules, "The token acme_0f3a9c2b7d1e4f5a6b8c9d0e and dop_v1_" + "9f2c4e1a7b3d5f60".repeat(4));

        assertThat(kinds(mail)).containsOnlyKeys("acme-ticket-token", "digitalocean-pat");
    }

    @Test
    void initShouldStopWithTheRuleIdAndTheRegexErrorWhenARuleDoesNotCompile(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("broken.toml"), """
                [[rules]]
                id = "broken-rule"
                regex = '''(?<!x)abc'''
                """);
        RedactSensitiveData broken = new RedactSensitiveData();
        FakeMailetConfig config = FakeMailetConfig.builder().mailetName("RedactSensitiveData")
                .setProperty("secretRules", folder.toString()).build();

        assertThatThrownBy(() -> broken.init(config)).isInstanceOf(MailetException.class)
                .hasMessageContaining("broken-rule").hasMessageContaining("broken.toml").hasMessageContaining("does not compile");
    }

    @Test
    void initShouldStopWhenTheRulesFolderDoesNotExist(@TempDir Path folder) {
        RedactSensitiveData missing = new RedactSensitiveData();
        FakeMailetConfig config = FakeMailetConfig.builder().mailetName("RedactSensitiveData")
                .setProperty("secretRules", folder.resolve("nowhere").toString()).build();

        assertThatThrownBy(() -> missing.init(config)).isInstanceOf(MailetException.class).hasMessageContaining("nowhere");
    }
}
