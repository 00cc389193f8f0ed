package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GitHub's newer tokens end in the base62 CRC32 of their 30 random characters: a token whose tail
 * checks out is masked even when it looks like a placeholder; one whose tail does not is masked as
 * before unless it is a placeholder.
 */
class GitHubTokenChecksumTest {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SensitiveDataScanner SCANNER = SensitiveDataScanner.standard();

    /** The tail computed here, apart from the code under test: CRC32 of the body, six base62 digits, zero-padded. */
    private static String tailOf(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long value = crc.getValue();
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            tail.insert(0, ALPHABET.charAt((int) (value % 62)));
            value /= 62;
        }
        return tail.toString();
    }

    private static String randomBody(String start) {
        StringBuilder body = new StringBuilder(start);
        while (body.length() < 30) {
            body.append(ALPHABET.charAt(RANDOM.nextInt(62)));
        }
        return body.toString();
    }

    private static String line(String token) {
        return "Our CI log printed GITHUB_TOKEN=" + token + " before the step failed.";
    }

    @RepeatedTest(20)
    void aTokenOfRandomBytesWithItsRealTailShouldBeMasked() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        StringBuilder body = new StringBuilder();
        for (byte b : bytes) {
            body.append(ALPHABET.charAt((b & 0xff) % 62));
        }
        String prefix = "gh" + "pousr".charAt(RANDOM.nextInt(5)) + "_";
        String token = prefix + body + tailOf(body.toString());

        assertThat(GitHubTokenChecksum.holds(token, 0, token.length())).isTrue();
        assertThat(Found.by(SCANNER, line(token))).containsExactly("GITHUB_TOKEN " + token);
    }

    @Test
    void publishedSampleTokensShouldHaveTheirTailsCheckOut() {
        // GitHub's documentation sample, and a body whose tail zlib.crc32 gives as 2M5jQM.
        for (String token : new String[]{"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", "ghs_aB7cD8eF9gH0jK1mN2pQ3rS4tU5vW62M5jQM"}) {
            assertThat(GitHubTokenChecksum.holds(token, 0, token.length())).as(token).isTrue();
        }
        assertThat(GitHubTokenChecksum.tail("aB7cD8eF9gH0jK1mN2pQ3rS4tU5vW6")).isEqualTo("2M5jQM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXAMPLE", "YOUR_TOKEN_HERE_", "your-token-here-"})
    void aPlaceholderLookingTokenWithARealTailShouldBeMasked(String start) {
        String body = randomBody(start.replace("_", "x").replace("-", "y"));
        String token = "ghp_" + body + tailOf(body);
        assertThat(Placeholders.isPlaceholder(token, 4)).as("looks like a placeholder").isTrue();

        assertThat(Found.by(SCANNER, line(token))).containsExactly("GITHUB_TOKEN " + token);
    }

    @Test
    void aPlausibleTokenWithABadTailShouldStillBeMasked() {
        String body = randomBody("");
        String good = tailOf(body);
        String bad = (good.charAt(0) == 'A' ? "B" : "A") + good.substring(1);
        String token = "ghp_" + body + bad;

        assertThat(GitHubTokenChecksum.holds(token, 0, token.length())).isFalse();
        assertThat(Found.by(SCANNER, line(token))).containsExactly("GITHUB_TOKEN " + token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ghp_EXAMPLEaXcaT4fNP0UcnZwJUVFk6LO0pINUx"})
    void aPlaceholderWithABadTailShouldStayVisible(String token) {
        assertThat(GitHubTokenChecksum.holds(token, 0, token.length())).isFalse();

        assertThat(Found.by(SCANNER, line(token))).isEmpty();
    }

    @Test
    void aChangedCharacterShouldBreakTheTail() {
        String token = "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";
        for (int i = 4; i < token.length(); i++) {
            char[] changed = token.toCharArray();
            changed[i] = changed[i] == 'A' ? 'B' : 'A';
            assertThat(GitHubTokenChecksum.holds(new String(changed), 0, 40)).as("position %d", i).isFalse();
        }
    }

    @Test
    void fineGrainedAndLongerTokensShouldBeMaskedWithoutAChecksum() {
        String fineGrained = "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";
        String longer = "ghp_" + randomBody("") + randomBody("").substring(0, 20);

        assertThat(Found.by(SCANNER, line(fineGrained))).containsExactly("GITHUB_TOKEN " + fineGrained);
        assertThat(Found.by(SCANNER, line(longer))).containsExactly("GITHUB_TOKEN " + longer);
    }
}
