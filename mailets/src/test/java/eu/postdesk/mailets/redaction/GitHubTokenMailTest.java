package eu.postdesk.mailets.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

/** GitHub tokens in a support mail's lines, through the mailet: what agents see. */
class GitHubTokenMailTest {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static String withRealTail(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] tail = new char[6];
        for (int i = 5; i >= 0; i--) {
            tail[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        return "ghp_" + body + new String(tail);
    }

    @Test
    void aPlaceholderLookingTokenWhoseTailChecksOutShouldBeHiddenFromAgents() throws Exception {
        String token = withRealTail("EXAMPLEq7Rz2LmX4nV6bT1yH9cJ3fA");
        FakeMail mail = PlaceholderTest.run(PlaceholderTest.mailet(Map.of()), "CI broke",
                "Hi, the deploy step printed GH_TOKEN=" + token + " and then failed.");

        assertThat(PlaceholderTest.text(mail)).doesNotContain(token).doesNotContain("EXAMPLEq7Rz")
                .contains("GH_TOKEN=[#1 ********] and then failed.");
    }

    @Test
    void aTemplateTokenWithoutARealTailShouldStayReadable() throws Exception {
        String template = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
        FakeMail mail = PlaceholderTest.run(PlaceholderTest.mailet(Map.of()), "Setup",
                "The docs say GH_TOKEN=" + template + " but what goes there?");

        assertThat(PlaceholderTest.text(mail)).contains("GH_TOKEN=" + template + " but what goes there?");
    }
}
