package eu.postdesk.mailets.mime;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Customer-supplied text (a subject, a display name, a file name) made fit for one header line of
 * mail we write, or of a part a mailet rewrites. Decoded RFC 2047 words can carry CR, LF and other control characters; written into
 * a header they would start new header lines (a {@code Bcc:}, a forged {@code Content-Type}), so
 * every line break and control character becomes one space.
 */
public final class HeaderText {
    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private HeaderText() {
    }

    /**
     * Raw 8-bit header bytes arrive as one character per byte (Latin-1); read them by the body's
     * rule instead: UTF-8 when they are valid UTF-8 (as modern clients send them), else windows-1252.
     * Text that is already decoded (any character above U+00FF) or plain ASCII is returned as it is.
     */
    public static String eightBitRepaired(String value) {
        if (value == null) {
            return null;
        }
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            high |= c >= 0x80;
        }
        return high ? BodyCharset.decode(null, value.getBytes(StandardCharsets.ISO_8859_1)) : value;
    }

    /** The value on one line, without control characters; empty for null. */
    public static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        return SPACES.matcher(BREAKS.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
    }
}
