package eu.postdesk.mailets.redaction;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The tag that tells agents "the same value again" without telling them the value. Without a key
 * the values of one message are numbered in order of appearance ({@code #1}, {@code #2}); a mailet
 * cannot see the other messages of a ticket, so the numbers start again in the next message. With
 * the server's key ({@code placeholderKey}) the tag is the start of an HMAC-SHA256 of the value,
 * the same in every message and ticket. A plain hash would not do: a PESEL or a card number has so
 * few possible values that anyone could hash them all and look the tag up; without the key nobody can.
 */
final class PlaceholderTags {
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final SecretKeySpec key;

    private PlaceholderTags(SecretKeySpec key) {
        this.key = key;
    }

    static PlaceholderTags perMessage() {
        return new PlaceholderTags(null);
    }

    static PlaceholderTags keyed(byte[] secret) {
        return new PlaceholderTags(new SecretKeySpec(secret, ALGORITHM));
    }

    /** The tag of a value (in its {@link SameValue} form) within the message that {@code report} follows. */
    String tag(String sameValue, RedactionReport report) {
        if (key == null) {
            return Integer.toString(report.number(sameValue));
        }
        byte[] digest;
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            digest = mac.doFinal(sameValue.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        // 40 bits as eight base32 letters: distinct values of one ticket practically never share a tag.
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        char[] tag = new char[8];
        for (int i = 7; i >= 0; i--) {
            tag[i] = BASE32[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(tag);
    }
}
