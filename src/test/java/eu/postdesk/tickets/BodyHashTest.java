package eu.postdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BodyHashTest {

    /** The hash as it was computed over the whole message in memory, before it was streamed. */
    private static String inMemory(byte[] raw) throws Exception {
        int start = 0;
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                start = i + 4;
                break;
            }
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                start = i + 2;
                break;
            }
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(raw, start, raw.length - start);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads in small uneven pieces, so that a blank line falls across reads. */
    private static InputStream trickling(byte[] raw, Random random) {
        return new ByteArrayInputStream(raw) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(5)));
            }
        };
    }

    @Test
    void theStreamedHashEqualsTheHashOfTheBodyAfterTheFirstBlankLine() throws Exception {
        Random random = new Random(42);
        byte[] alphabet = "\r\n\r\nab:".getBytes(StandardCharsets.US_ASCII);
        for (int n = 0; n < 20_000; n++) {
            byte[] raw = new byte[random.nextInt(12)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = alphabet[random.nextInt(alphabet.length)];
            }
            assertThat(BodyHash.of(trickling(raw, random))).as("message %s", HexFormat.of().formatHex(raw)).isEqualTo(inMemory(raw));
        }
    }

    @Test
    void headersDoNotChangeTheHash() throws Exception {
        byte[] first = "Received: by a\r\nSubject: Hi\r\n\r\nThe body.\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "Received: by b\r\nReceived: by a\r\nSubject: Hi\r\n\r\nThe body.\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(BodyHash.of(new ByteArrayInputStream(first))).isEqualTo(BodyHash.of(new ByteArrayInputStream(second)));
    }
}
