package eu.postdesk.tickets;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A hash of a message's body as it arrived: SHA-256 of the bytes after the first blank line
 * (headers excluded, so that a redelivery through other hops matches), read as a stream.
 */
final class BodyHash {
    private BodyHash() {
    }

    /**
     * Hashes the body of the raw message read from {@code raw}. Without a blank line, or with one
     * only in the last three bytes, the whole message is hashed.
     */
    static String of(InputStream raw) throws IOException {
        MessageDigest whole = sha256();
        MessageDigest body = sha256();
        byte[] buffer = new byte[64 * 1024];
        int last3 = 0;
        int last2 = 0;
        int last1 = 0;
        boolean inBody = false;
        boolean lfLf = false;
        long bodyBytes = 0;
        int read;
        while ((read = raw.read(buffer)) != -1) {
            int from = 0;
            if (bodyBytes < 2) {
                // the whole message counts until the body is known to be long enough
                whole.update(buffer, 0, read);
            }
            if (!inBody) {
                for (int i = 0; i < read && !inBody; i++) {
                    int b = buffer[i];
                    if (b == '\n' && last1 == '\r' && last2 == '\n' && last3 == '\r') {
                        inBody = true;
                    } else if (b == '\n' && last1 == '\n') {
                        inBody = true;
                        lfLf = true;
                    }
                    last3 = last2;
                    last2 = last1;
                    last1 = b;
                    from = i + 1;
                }
                if (!inBody) {
                    continue;
                }
            }
            body.update(buffer, from, read - from);
            bodyBytes += read - from;
        }
        if (!inBody || lfLf && bodyBytes < 2) {
            return HexFormat.of().formatHex(whole.digest());
        }
        return HexFormat.of().formatHex(body.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
