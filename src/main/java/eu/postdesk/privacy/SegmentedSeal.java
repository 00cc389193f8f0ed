package eu.postdesk.privacy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streaming AES-GCM for sealed originals, so that neither sealing nor opening holds a whole
 * message in memory. The file is a header and 64 KiB segments, each sealed on its own:
 * <pre>
 * header:  "PDSEAL" | version 1 | segment size (4 bytes) | salt (16) | nonce prefix (7)
 * segment: AES-256-GCM(plain segment) with its 16-byte tag
 * </pre>
 * Each file has its own key, derived with HKDF-SHA256 from the customer's data key and the random
 * salt, so nonces never repeat under one key. A segment's nonce is the prefix, the segment's number
 * (4 bytes) and a last-segment flag (1 byte): segments cannot be reordered, and a file cut at a
 * segment boundary does not open. The additional data of every segment is the header and the
 * context (which binds the file to its message), so a file cannot pass for another message's.
 */
final class SegmentedSeal {
    static final int SEGMENT_BYTES = 64 * 1024;
    private static final byte[] MAGIC = "PDSEAL".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 1;
    private static final int SALT_BYTES = 16;
    private static final int PREFIX_BYTES = 7;
    private static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = MAGIC.length + 1 + 4 + SALT_BYTES + PREFIX_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SegmentedSeal() {
    }

    /** Seals everything {@code plain} holds into {@code sealed}; neither stream is closed. */
    static void seal(SecretKey dataKey, byte[] context, InputStream plain, OutputStream sealed) throws IOException {
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[PREFIX_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(prefix);
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).put(VERSION).putInt(SEGMENT_BYTES).put(salt).put(prefix).array();
        sealed.write(header);
        Segments segments = new Segments(fileKey(dataKey, salt, context), prefix, additionalData(header, context));
        byte[] segment = new byte[SEGMENT_BYTES];
        byte[] out = new byte[SEGMENT_BYTES + TAG_BYTES];
        int filled = plain.readNBytes(segment, 0, SEGMENT_BYTES);
        while (true) {
            // one byte of look-ahead tells whether this segment is the last
            int next = filled == SEGMENT_BYTES ? plain.read() : -1;
            boolean last = next == -1;
            sealed.write(out, 0, segments.apply(Cipher.ENCRYPT_MODE, last, segment, filled, out));
            if (last) {
                return;
            }
            segment[0] = (byte) next;
            filled = 1 + plain.readNBytes(segment, 1, SEGMENT_BYTES - 1);
        }
    }

    /** The plain bytes of a sealed stream, opened segment by segment as they are read; a tampered or cut file fails with an IOException. */
    static InputStream open(SecretKey dataKey, byte[] context, InputStream sealed) throws IOException {
        byte[] header = sealed.readNBytes(HEADER_BYTES);
        if (header.length < HEADER_BYTES) {
            throw new EOFException("a sealed original is cut short");
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        byte[] magic = new byte[MAGIC.length];
        fields.get(magic);
        if (!Arrays.equals(magic, MAGIC) || fields.get() != VERSION || fields.getInt() != SEGMENT_BYTES) {
            throw new IOException("not a sealed original of this version");
        }
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[PREFIX_BYTES];
        fields.get(salt).get(prefix);
        return new Opening(new Segments(fileKey(dataKey, salt, context), prefix, additionalData(header, context)), sealed);
    }

    /** How many plain bytes a sealed file of this size holds. */
    static long plainSize(long sealedSize) {
        long payload = sealedSize - HEADER_BYTES;
        long whole = payload / (SEGMENT_BYTES + TAG_BYTES);
        long rest = payload % (SEGMENT_BYTES + TAG_BYTES);
        if (rest == 0 && whole > 0) {
            return whole * SEGMENT_BYTES;
        }
        return whole * SEGMENT_BYTES + Math.max(0, rest - TAG_BYTES);
    }

    private static byte[] additionalData(byte[] header, byte[] context) {
        return ByteBuffer.allocate(header.length + context.length).put(header).put(context).array();
    }

    /** HKDF-SHA256 (RFC 5869) of the data key, one 32-byte block: a key of this file alone. */
    private static SecretKey fileKey(SecretKey dataKey, byte[] salt, byte[] context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] pseudoRandom = mac.doFinal(dataKey.getEncoded());
            mac.init(new SecretKeySpec(pseudoRandom, "HmacSHA256"));
            mac.update("postdesk sealed original ".getBytes(StandardCharsets.US_ASCII));
            mac.update(context);
            mac.update((byte) 1);
            return new SecretKeySpec(mac.doFinal(), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The segments of one file: its key, nonce prefix, additional data and the number of the next segment. */
    private static final class Segments {
        private final SecretKey key;
        private final byte[] prefix;
        private final byte[] additionalData;
        private final Cipher cipher;
        private int number;

        Segments(SecretKey key, byte[] prefix, byte[] additionalData) {
            this.key = key;
            this.prefix = prefix;
            this.additionalData = additionalData;
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
            }
        }

        /** Seals or opens the next segment into {@code out}; returns the bytes written there. */
        int apply(int mode, boolean last, byte[] in, int length, byte[] out) throws IOException {
            if (number == -1) {
                throw new IOException("too many segments for one sealed original");
            }
            byte[] nonce = ByteBuffer.allocate(PREFIX_BYTES + 5).put(prefix).putInt(number).put((byte) (last ? 1 : 0)).array();
            number++;
            try {
                cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
                cipher.updateAAD(additionalData);
                return cipher.doFinal(in, 0, length, out, 0);
            } catch (javax.crypto.AEADBadTagException tampered) {
                throw new IOException("a sealed original does not open (tampered, cut short, or another message's)", tampered);
            } catch (GeneralSecurityException e) {
                throw new IOException("a sealed original segment cannot be processed: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    /** Reads a sealed file, opening one segment at a time. */
    private static final class Opening extends InputStream {
        private final Segments segments;
        private final InputStream sealed;
        private final byte[] in = new byte[SEGMENT_BYTES + TAG_BYTES];
        private final byte[] plain = new byte[SEGMENT_BYTES];
        private int position;
        private int limit;
        private int pending = -1;
        private boolean finished;

        Opening(Segments segments, InputStream sealed) {
            this.segments = segments;
            this.sealed = sealed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == limit) {
                if (finished) {
                    return -1;
                }
                nextSegment();
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        private void nextSegment() throws IOException {
            int filled = 0;
            if (pending != -1) {
                in[filled++] = (byte) pending;
                pending = -1;
            }
            filled += sealed.readNBytes(in, filled, in.length - filled);
            if (filled < TAG_BYTES) {
                throw new EOFException("a sealed original is cut short");
            }
            boolean last = filled < in.length || (pending = sealed.read()) == -1;
            limit = segments.apply(Cipher.DECRYPT_MODE, last, in, filled, plain);
            position = 0;
            finished = last;
        }

        @Override
        public void close() throws IOException {
            sealed.close();
        }
    }
}
