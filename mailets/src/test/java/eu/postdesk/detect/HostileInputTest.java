package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pathological inputs that make backtracking patterns explode must complete: every detector is a
 * bounded hand-written scanner. The timeout only guards against a hang; it asserts no speed.
 */
class HostileInputTest {
    private static final SensitiveDataScanner SCANNER = SensitiveDataScanner.standard();
    private static final int MEGABYTE = 1 << 20;

    static Stream<Arguments> inputs() {
        return Stream.of(
                Arguments.of("a:a:a", repeat("a:", MEGABYTE)),
                Arguments.of("100k digits", repeat("7", 100_000)),
                Arguments.of("digits and single spaces", repeat("1 ", MEGABYTE / 2)),
                Arguments.of("digits and dashes", repeat("12-", MEGABYTE / 3)),
                Arguments.of("password= repeated", repeat("password=", MEGABYTE / 9)),
                Arguments.of("password is repeated", repeat("password is ", MEGABYTE / 12)),
                Arguments.of("keyword qualifiers without colon", repeat("passwort für das konto ", MEGABYTE / 23)),
                Arguments.of("token: and long value", "token: " + repeat("aB3", MEGABYTE / 3)),
                Arguments.of("aws contexts", repeat("aws ", MEGABYTE / 4)),
                Arguments.of("aws and base64", repeat("aws AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/+", MEGABYTE / 44)),
                Arguments.of("BEGIN without end", repeat("-----BEGIN RSA PRIVATE KEY-----\n", MEGABYTE / 32)),
                Arguments.of("BEGIN lines between prose", repeat("-----BEGIN EC PRIVATE KEY-----\n!\n", MEGABYTE / 34)),
                Arguments.of("JWT headers glued by dashes", repeat("eyJhbGciOiJub25lIn0.AAAA-", MEGABYTE / 26)),
                Arguments.of("scheme separators", repeat("x://a:b", MEGABYTE / 7)),
                Arguments.of("userinfo without host", "https://" + repeat("a:", MEGABYTE / 2)),
                Arguments.of("JWT starts", repeat("eyJ.", MEGABYTE / 4)),
                Arguments.of("JWT header only", "eyJ" + repeat("A", MEGABYTE)),
                Arguments.of("Bearer repeated", repeat("Bearer ", MEGABYTE / 7)),
                Arguments.of("IBAN starts", repeat("PL12 ", MEGABYTE / 5)),
                Arguments.of("provider prefixes", repeat("sk-ghp_xoxb-AKIA ", MEGABYTE / 17)),
                Arguments.of("twilio prefixes", repeat("SK0123456789abcdef0123456789abcdef ", MEGABYTE / 35)),
                Arguments.of("Finnish signs", repeat("010101A", MEGABYTE / 7)),
                Arguments.of("quotes never closed", repeat("password: \"", MEGABYTE / 11)),
                Arguments.of("rule keywords on one line", repeat("glpat-a3-key-dapihf_ ", MEGABYTE / 21)),
                Arguments.of("rule keywords one per line", repeat("jira heroku okta sentry token:\n", MEGABYTE / 32)),
                Arguments.of("curl -u without end", repeat("curl -u adm:" + "x1".repeat(40) + " ", MEGABYTE / 94)),
                Arguments.of("glpat with a long tail", "glpat-" + repeat("Ab3_", MEGABYTE / 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void scanShouldCompleteOnPathologicalInput(String name, String input) {
        List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SCANNER.scan(input));
        assertThat(findings).isNotNull();
        for (int i = 1; i < findings.size(); i++) {
            assertThat(findings.get(i).start()).isGreaterThanOrEqualTo(findings.get(i - 1).end());
        }
    }

    private static String repeat(String unit, int times) {
        return unit.repeat(times);
    }
}
