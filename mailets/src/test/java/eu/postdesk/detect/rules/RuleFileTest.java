package eu.postdesk.detect.rules;

import eu.postdesk.detect.Finding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of gitleaks' rule format, each on a small rule file. */
class RuleFileTest {
    private static List<String> found(String toml, String text) {
        RuleSecretDetector detector = new RuleSecretDetector(SecretRules.of(List.of(RuleFile.parse("test.toml", toml))));
        List<Finding> findings = new ArrayList<>();
        detector.detect(text, findings);
        return findings.stream().map(f -> f.kind() + " " + text.substring(f.start(), f.end())).toList();
    }

    private static final String ACME = """
            [[rules]]
            id = "acme-key"
            regex = '''(?i)acme[_ ]?key\\s*[:=]\\s*([a-z0-9]{16,})'''
            keywords = ["ACME"]
            """;

    @Test
    void theSecretShouldBeTheFirstGroupThatMatchedAndTheKeywordAnyCase() {
        assertThat(found(ACME, "config: AcMe_KEY = q8w7e6r5t4y3u2i1o0")).containsExactly("acme-key q8w7e6r5t4y3u2i1o0");
    }

    @Test
    void aRuleShouldNotRunWhereNoneOfItsKeywordsOccurs() {
        String toml = """
                [[rules]]
                id = "acme-key"
                regex = '''([a-z0-9]{16,})'''
                keywords = ["acme"]
                """;
        assertThat(found(toml, "plain q8w7e6r5t4y3u2i1o0")).isEmpty();
        assertThat(found(toml, "acme q8w7e6r5t4y3u2i1o0")).containsExactly("acme-key q8w7e6r5t4y3u2i1o0");
    }

    @Test
    void aRuleWithoutKeywordsShouldRunEverywhere() {
        String toml = """
                [[rules]]
                id = "bare"
                regex = '''\\bzz[0-9]{8}\\b'''
                """;
        assertThat(found(toml, "code zz12345678 end")).containsExactly("bare zz12345678");
    }

    @Test
    void secretGroupShouldChooseTheGroup() {
        String toml = """
                [[rules]]
                id = "pair"
                regex = '''(user[0-9]+):([A-Za-z0-9]{12})'''
                secretGroup = 2
                keywords = ["user"]
                """;
        assertThat(found(toml, "login user42:Qw3rTy9UiOp1")).containsExactly("pair Qw3rTy9UiOp1");
    }

    @Test
    void aSecretAtOrBelowTheEntropyThresholdShouldStay() {
        String toml = """
                [[rules]]
                id = "ent"
                regex = '''\\bent_([a-z0-9]{16})\\b'''
                entropy = 3.5
                keywords = ["ent_"]
                """;
        assertThat(found(toml, "ent_abababababababab")).isEmpty();
        assertThat(found(toml, "ent_q8w7e6r5t4y3u2i1")).containsExactly("ent q8w7e6r5t4y3u2i1");
    }

    @Test
    void ruleAllowlistsShouldHonourRegexesAgainstSecretMatchAndLineAndStopwords() {
        String toml = ACME + """
                [[rules.allowlists]]
                regexes = ['''^q8w7''']
                [[rules.allowlists]]
                regexTarget = "line"
                regexes = ['''(?i)rotated''']
                [[rules.allowlists]]
                regexTarget = "match"
                regexes = ['''ACME KEY''']
                stopwords = ["fixture"]
                """;
        assertThat(found(toml, "acme_key: q8w7e6r5t4y3u2i1o0")).isEmpty();
        assertThat(found(toml, "acme_key: z8w7e6r5t4y3u2i1o0 (rotated)")).isEmpty();
        assertThat(found(toml, "ACME KEY: z8w7e6r5t4y3u2i1o0")).isEmpty();
        assertThat(found(toml, "acme_key: z8fixture5t4y3u2i1o0")).isEmpty();
        assertThat(found(toml, "acme_key: z8w7e6r5t4y3u2i1o0")).containsExactly("acme-key z8w7e6r5t4y3u2i1o0");
    }

    @Test
    void anAndAllowlistShouldNeedEveryCriterionAndOneWithAPathNeverHoldsInMail() {
        String and = ACME + """
                [[rules.allowlists]]
                condition = "AND"
                regexes = ['''^z8''']
                stopwords = ["fixture"]
                """;
        assertThat(found(and, "acme_key: z8fixture5t4y3u2i1o0")).isEmpty();
        assertThat(found(and, "acme_key: z8w7e6r5t4y3u2i1o0")).hasSize(1);
        String withPath = ACME + """
                [[rules.allowlists]]
                condition = "AND"
                paths = ['''\\.md$''']
                regexes = ['''^z8''']
                """;
        assertThat(found(withPath, "acme_key: z8w7e6r5t4y3u2i1o0")).hasSize(1);
    }

    @Test
    void theOlderTableFormsAndGlobalAllowlistsShouldWork() {
        String toml = """
                [allowlist]
                stopwords = ["fixture"]

                [[allowlists]]
                targetRules = ["acme-key"]
                regexes = ['''^q8''']

                [[rules]]
                id = "acme-key"
                regex = '''acme=([a-z0-9]{16,})'''
                keywords = ["acme"]
                [rules.allowlist]
                regexes = ['''^k9''']

                [[rules]]
                id = "other-key"
                regex = '''other=([a-z0-9]{16,})'''
                keywords = ["other"]
                """;
        assertThat(found(toml, "acme=k9w7e6r5t4y3u2i1o0")).isEmpty();
        assertThat(found(toml, "acme=q8w7e6r5t4y3u2i1o0")).isEmpty();
        assertThat(found(toml, "other=q8w7e6r5t4y3u2i1o0")).containsExactly("other-key q8w7e6r5t4y3u2i1o0");
        assertThat(found(toml, "other=q8fixture5t4y3u2i1o0")).isEmpty();
    }

    @Test
    void aLaterFileShouldReplaceARuleOfTheSameIdAndExtendShouldDisableRules() {
        RuleFile ours = RuleFile.parse("ours.toml", ACME + """
                [[rules]]
                id = "beta-key"
                regex = '''beta=([a-z0-9]{16,})'''
                keywords = ["beta"]
                """);
        RuleFile operator = RuleFile.parse("operator.toml", """
                [extend]
                useDefault = true
                disabledRules = ["beta-key"]

                [[rules]]
                id = "acme-key"
                regex = '''acme#([a-z0-9]{16,})'''
                keywords = ["acme"]
                """);
        SecretRules merged = SecretRules.of(List.of(ours, operator));

        assertThat(merged.rules()).extracting(SecretRule::id).containsExactly("acme-key");
        assertThat(merged.rule("acme-key").regex().pattern()).contains("acme#");
    }

    @Test
    void aRuleThatDoesNotCompileShouldNameItsIdAndTheErrorButNoText() {
        assertThatThrownBy(() -> RuleFile.parse("mine.toml", """
                [[rules]]
                id = "lookbehind"
                regex = '''(?<=key=)[a-z]+'''
                """)).isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith("mine.toml: rule 'lookbehind': regex does not compile: ");
        assertThatThrownBy(() -> RuleFile.parse("mine.toml", ACME + """
                [[rules.allowlists]]
                regexes = ['''[z-a]''']
                """)).hasMessageContaining("rule 'acme-key'").hasMessageContaining("allowlist regex does not compile");
    }

    @Test
    void badFilesShouldSayWhatIsWrong() {
        assertThatThrownBy(() -> RuleFile.parse("a.toml", "[[rules]]\nregex = 'x'\n")).hasMessageContaining("has no id");
        assertThatThrownBy(() -> RuleFile.parse("a.toml", ACME + ACME)).hasMessageContaining("'acme-key' is defined twice");
        assertThatThrownBy(() -> RuleFile.parse("a.toml", "[[rules]]\nid = 'x'\nregex = '(a)'\nsecretGroup = 2\n"))
                .hasMessageContaining("secretGroup 2 but the regex has 1 groups");
        assertThatThrownBy(() -> RuleFile.parse("a.toml", "[[rules]\nid = 'x'\n")).hasMessageContaining("a.toml: not valid TOML");
        assertThatThrownBy(() -> RuleFile.parse("a.toml", ACME + "[[rules.allowlists]]\nregexTarget = 'file'\n"))
                .hasMessageContaining("regexTarget must be secret, match or line");
    }

    @Test
    void aMatchLongerThanTheWindowShouldStillBeFoundWhole() {
        String toml = """
                [[rules]]
                id = "long"
                regex = '''long_([a-z0-9]{100,})'''
                keywords = ["long_"]
                """;
        StringBuilder value = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 12_000; i++) {
            value.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        assertThat(found(toml, "x long_" + value + " y")).containsExactly("long " + value);
    }

    @Test
    void aRuleThatAsksForLineBreaksShouldFindABlockOverManyLines() {
        String toml = """
                [[rules]]
                id = "block"
                regex = '''BEGIN BLOCK[\\s\\S]{20,}?END BLOCK'''
                keywords = ["begin block"]
                """;
        String block = "BEGIN BLOCK\n" + "q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3\n".repeat(40) + "END BLOCK";
        assertThat(found(toml, "see below\n" + block + "\nthanks")).containsExactly("block " + block);
    }

    @Test
    void aValueOnTheLineAfterItsLabelShouldBeFound() {
        String toml = """
                [[rules]]
                id = "next-line"
                regex = '''(?i)heroku_api_key:[ \\t\\r\\n]{1,3}([0-9a-f]{32})'''
                keywords = ["heroku"]
                """;
        assertThat(found(toml, "HEROKU_API_KEY:\n  0f3a9c2b7d1e4f5a6b8c9d0e1f2a3b4c\n")).containsExactly("next-line 0f3a9c2b7d1e4f5a6b8c9d0e1f2a3b4c");
    }
}
