package eu.postdesk.outbound;

import java.util.regex.Pattern;

/**
 * Customer-supplied text (a subject, a display name, a file name) made fit for one header line of
 * mail we write. Decoded RFC 2047 words can carry CR, LF and other control characters; written into
 * a header they would start new header lines (a {@code Bcc:}, a forged {@code Content-Type}), so
 * every line break and control character becomes one space.
 */
public final class HeaderText {
    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private HeaderText() {
    }

    /** The value on one line, without control characters; empty for null. */
    public static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        return SPACES.matcher(BREAKS.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
    }
}
