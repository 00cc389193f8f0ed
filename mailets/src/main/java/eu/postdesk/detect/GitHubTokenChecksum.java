package eu.postdesk.detect;

import java.util.zip.CRC32;

/**
 * The checksum GitHub's newer tokens carry (GitHub's blog, "Behind GitHub's new authentication token
 * formats", 2021): {@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_} and {@code ghr_} tokens are
 * the four-character prefix, 30 random base62 characters, and 6 base62 characters holding the CRC32
 * of those 30 (alphabet {@code 0-9A-Za-z}, most significant digit first, padded with {@code 0}). A
 * tail that checks out proves the token is GitHub's, whatever it looks like. GitHub documents no such
 * checksum for fine-grained tokens ({@code github_pat_}), so they are not checked.
 */
final class GitHubTokenChecksum {
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final int BODY = 30;
    static final int TAIL = 6;
    private static final int PREFIX = 4;

    private GitHubTokenChecksum() {
    }

    /** Whether {@code text[start, end)} is a checksummed GitHub token whose tail is the CRC32 of its body. */
    static boolean holds(CharSequence text, int start, int end) {
        if (end - start != PREFIX + BODY + TAIL || text.charAt(start) != 'g' || text.charAt(start + 1) != 'h'
                || "pousr".indexOf(text.charAt(start + 2)) < 0 || text.charAt(start + 3) != '_') {
            return false;
        }
        int bodyStart = start + PREFIX;
        CRC32 crc = new CRC32();
        for (int i = bodyStart; i < bodyStart + BODY; i++) {
            char c = text.charAt(i);
            if (BASE62.indexOf(c) < 0) {
                return false;
            }
            crc.update(c);
        }
        long expected = 0;
        for (int i = bodyStart + BODY; i < end; i++) {
            int digit = BASE62.indexOf(text.charAt(i));
            if (digit < 0) {
                return false;
            }
            expected = expected * 62 + digit;
        }
        return expected == crc.getValue();
    }

    /** The six-character tail for a 30-character body (for tests and the benchmark corpus). */
    static String tail(String body) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < body.length(); i++) {
            crc.update(body.charAt(i));
        }
        char[] tail = new char[TAIL];
        long value = crc.getValue();
        for (int i = TAIL - 1; i >= 0; i--) {
            tail[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(tail);
    }
}
