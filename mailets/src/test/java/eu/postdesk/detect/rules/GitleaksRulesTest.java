package eu.postdesk.detect.rules;

import eu.postdesk.detect.Finding;
import eu.postdesk.detect.SensitiveDataScanner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * gitleaks' own rule file ({@code ../shared/reference/gitleaks/gitleaks.toml}, read where it lies,
 * never copied) loads with our loader: every rule compiles under RE2/J and runs. Skipped, saying so,
 * where that folder is absent.
 */
class GitleaksRulesTest {
    private static Path file;
    private static RuleFile rules;

    @BeforeAll
    static void load() throws IOException {
        file = find();
        if (file != null) {
            rules = RuleFile.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void needsTheGitleaksFile() {
        assumeThat(file).as("gitleaks.toml not found in shared/reference/gitleaks/ of this folder or any parent"
                + " (set -Dpostdesk.gitleaks=PATH): skipping the gitleaks compatibility test").isNotNull();
    }

    private static Path find() {
        String given = System.getProperty("postdesk.gitleaks");
        if (given != null) {
            return Files.isRegularFile(Path.of(given)) ? Path.of(given) : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/gitleaks/gitleaks.toml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void everyRuleOfTheGitleaksFileShouldLoad() throws IOException {
        long declared = Files.readAllLines(file).stream().filter(line -> line.strip().equals("[[rules]]")).count();

        assertThat(rules.rules()).hasSize((int) declared).hasSizeGreaterThan(200);
        assertThat(rules.globalAllowlists()).isNotEmpty();
        assertThat(rules.rules().stream().filter(rule -> !rule.matchesText()).map(SecretRule::id))
                .as("only rules that name files and have no regex").containsExactly("pkcs12-file");
    }

    @Test
    void everyRuleShouldRunUnderRe2jOverTextHoldingItsKeywords() {
        StringBuilder text = new StringBuilder("Hello support,\n");
        for (SecretRule rule : rules.rules()) {
            for (String keyword : rule.keywords()) {
                text.append("our ").append(keyword).append(" = ").append(keyword).append("Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z\n");
            }
        }
        for (SecretRule rule : rules.rules()) {
            RuleSecretDetector alone = new RuleSecretDetector(SecretRules.of(List.of(
                    new RuleFile(file.toString(), List.of(rule), rules.globalAllowlists(), java.util.Set.of()))));
            List<Finding> found = new ArrayList<>();
            alone.detect(text, found);
            assertThat(found).allSatisfy(finding -> assertThat(finding.kind()).isEqualTo(rule.id()));
        }
    }

    @Test
    void theGitleaksRulesShouldFindTokensAndHonourTheirAllowlists() {
        RuleSecretDetector detector = new RuleSecretDetector(SecretRules.of(List.of(rules)));
        String pat = "glpat-" + "Zq3vX9Lm2Kp8Rt5Wn1Yc";
        String text = "The runner uses " + pat + " now.\nAWS key AKIAIOSFODNN7EXAMPLE from the docs.\n";
        List<Finding> found = new ArrayList<>();

        detector.detect(text, found);

        assertThat(found).extracting(Finding::kind).contains("gitlab-pat").doesNotContain("aws-access-token");
        assertThat(found).filteredOn(finding -> finding.kind().equals("gitlab-pat"))
                .extracting(finding -> text.substring(finding.start(), finding.end())).containsOnly(pat);
    }

    @Test
    void aTokenThatAHandWrittenDetectorAndAGitleaksRuleBothFindShouldBeOneFindingOfTheHandWrittenKind() {
        SensitiveDataScanner scanner = SensitiveDataScanner.standard(SecretRules.of(List.of(rules)));
        String pat = "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";

        List<Finding> found = scanner.scan("The CI token is " + pat + ", please rotate it.");

        assertThat(found).hasSize(1);
        assertThat(found.get(0).kind()).isEqualTo("GITHUB_TOKEN");
        assertThat(found.get(0).length()).isEqualTo(pat.length());
    }

    @Test
    void gitleaksPrivateKeyRuleShouldFindAKeyBlockOverManyLines() {
        RuleSecretDetector detector = new RuleSecretDetector(SecretRules.of(List.of(rules)));
        String block = "-----BEGIN RSA PRIVATE KEY-----\n" + "MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi8Zq3vX9Lm2Kp8Rt5Wn1Yc7Hb4\n".repeat(25)
                + "-----END RSA PRIVATE KEY-----";
        List<Finding> found = new ArrayList<>();

        detector.detect("Our key, sorry:\n" + block + "\nthanks", found);

        assertThat(found).extracting(Finding::kind).contains("private-key");
    }
}
