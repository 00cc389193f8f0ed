package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SegmentedSealTest {
    private static final int SEGMENT = SegmentedSeal.SEGMENT_BYTES;
    private static final byte[] CONTEXT = "message:7".getBytes(StandardCharsets.US_ASCII);
    private final Random random = new Random(7);

    private SecretKey key() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    private byte[] plain(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] seal(SecretKey key, byte[] context, byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SegmentedSeal.seal(key, context, new ByteArrayInputStream(plain), out);
        return out.toByteArray();
    }

    private static byte[] open(SecretKey key, byte[] context, byte[] sealed) throws IOException {
        try (var in = SegmentedSeal.open(key, context, new ByteArrayInputStream(sealed))) {
            return in.readAllBytes();
        }
    }

    @Test
    void whatIsSealedOpensToTheSameBytesAtEverySegmentBoundary() throws Exception {
        SecretKey key = key();
        for (int size : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 3 * SEGMENT + 17}) {
            byte[] plain = plain(size);
            byte[] sealed = seal(key, CONTEXT, plain);
            assertThat(open(key, CONTEXT, sealed)).as("%d bytes", size).isEqualTo(plain);
            assertThat(SegmentedSeal.plainSize(sealed.length)).as("%d bytes", size).isEqualTo(size);
        }
    }

    @Test
    void theSameBytesSealTwiceToDifferentFiles() throws Exception {
        SecretKey key = key();
        byte[] plain = plain(1000);
        assertThat(seal(key, CONTEXT, plain)).isNotEqualTo(seal(key, CONTEXT, plain));
    }

    @Test
    void aChangedByteAnywhereMakesTheOriginalUnreadable() throws Exception {
        SecretKey key = key();
        byte[] sealed = seal(key, CONTEXT, plain(2 * SEGMENT + 5));
        for (int at : new int[] {3, 20, 40, SEGMENT, SEGMENT + 40, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[at] ^= 1;
            assertThatThrownBy(() -> open(key, CONTEXT, tampered)).as("byte %d", at).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aFileCutAtASegmentBoundaryOrWithSegmentsSwappedDoesNotOpen() throws Exception {
        SecretKey key = key();
        byte[] sealed = seal(key, CONTEXT, plain(3 * SEGMENT));
        int header = sealed.length - 3 * (SEGMENT + 16);
        byte[] cut = Arrays.copyOf(sealed, header + 2 * (SEGMENT + 16));
        assertThatThrownBy(() -> open(key, CONTEXT, cut)).isInstanceOf(IOException.class);

        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, header, swapped, header + SEGMENT + 16, SEGMENT + 16);
        System.arraycopy(sealed, header + SEGMENT + 16, swapped, header, SEGMENT + 16);
        assertThatThrownBy(() -> open(key, CONTEXT, swapped)).isInstanceOf(IOException.class);
    }

    @Test
    void anOriginalDoesNotOpenAsAnotherMessagesOrUnderAnotherKey() throws Exception {
        SecretKey key = key();
        byte[] sealed = seal(key, CONTEXT, plain(100));
        assertThatThrownBy(() -> open(key, "message:8".getBytes(StandardCharsets.US_ASCII), sealed)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> open(key(), CONTEXT, sealed)).isInstanceOf(IOException.class);
    }
}
