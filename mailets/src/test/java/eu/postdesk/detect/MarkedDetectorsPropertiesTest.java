package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import eu.postdesk.detect.rules.RuleSecretDetector;
import eu.postdesk.detect.rules.SecretRules;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The private-key and URL-password detectors take the places of their marks ({@code -----BEGIN },
 * {@code ://}) from the rule prefilter's walk when they run in one scanner with the rules: they find
 * exactly what each finds searching the text itself, whatever the case of the marks, on texts long
 * enough for the prefilter's eight walks and across their edges.
 */
class MarkedDetectorsPropertiesTest {
    private static final SensitiveDataScanner WITH_RULES = new SensitiveDataScanner(
            List.of(new PrivateKeyDetector(), new UrlCredentialDetector(), new RuleSecretDetector(SecretRules.defaults())));

    // The same detectors, the rules' hidden behind a plain Detector: the scanner does not know them
    // as rules, so the other two search the text for their marks themselves.
    private static final SensitiveDataScanner SEARCHING = new SensitiveDataScanner(List.of(new PrivateKeyDetector(),
            new UrlCredentialDetector(), plain(new RuleSecretDetector(SecretRules.defaults()))));

    private static Detector plain(Detector detector) {
        return detector::detect;
    }

    @Property(tries = 200)
    void theMarksFromTheKeywordWalkAreTheMarksInTheText(@ForAll("texts") String text) {
        assertThat(WITH_RULES.scan(text)).isEqualTo(SEARCHING.scan(text));
    }

    @Example
    void aKeyAndAUrlPasswordAreFoundThroughTheWalkAndALowerCaseBeginIsNot() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi\n-----END RSA PRIVATE KEY-----";
        String text = "x".repeat(70_000) + "\n" + key + "\nsee postgres://app:s3cretPw@db.internal/x\n"
                + "-----begin rsa private key-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi\n-----end rsa private key-----\n"
                + "HTTP://user:pa55word@Example.com ftp:/ /no:pass@x";
        List<Finding> found = WITH_RULES.scan(text);
        assertThat(kinds(found)).containsExactly("PRIVATE_KEY", "CONNECTION_STRING", "URL_PASSWORD");
        assertThat(found.get(0).start()).isEqualTo(70_001);
    }

    private static List<String> kinds(List<Finding> findings) {
        return findings.stream().map(Finding::kind).distinct().toList();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.of("-----BEGIN ", "-----begin ", "-----BEGIN OPENSSH PRIVATE KEY-----\n",
                "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n", "-----END OPENSSH PRIVATE KEY-----", "://", ":/", "https://",
                "HTTPS://u:", "mysql://root:hunter22@", "@host ", "redis://:pw1234@r ", "password ", " ", "\n", "x", "ab",
                "é", "-----", "token: ", "AKIA");
        return piece.list().ofMinSize(1).ofMaxSize(200).map(parts -> String.join("", parts))
                .flatMap(core -> Arbitraries.integers().between(0, 80_000)
                        .map(pad -> "y".repeat(pad) + core + "z".repeat(pad % 9_000)));
    }
}
