package eu.postdesk.mailets.tracking;

import java.util.Locale;

/**
 * The parts of an http(s) URL that tracking rules look at, read without {@code java.net.URI}, which
 * rejects much of what real mail contains. The original text is kept as given.
 *
 * @param text         the URL exactly as found
 * @param host         lower-case host without user info and port
 * @param pathAndQuery everything after the authority ({@code /path?query#fragment}), possibly empty
 */
record WebAddress(String text, String host, String pathAndQuery) {

    /** Reads an http, https or protocol-relative URL; returns {@code null} for anything else. */
    static WebAddress parse(String text) {
        if (text == null) {
            return null;
        }
        int start = skipLeadingSpace(text);
        int authority;
        if (text.regionMatches(true, start, "https://", 0, 8)) {
            authority = start + 8;
        } else if (text.regionMatches(true, start, "http://", 0, 7)) {
            authority = start + 7;
        } else if (text.startsWith("//", start)) {
            authority = start + 2;
        } else {
            return null;
        }
        int end = authority;
        while (end < text.length() && "/?#\\".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String host = text.substring(authority, end);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        if (!host.startsWith("[")) {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        return new WebAddress(text, host.toLowerCase(Locale.ROOT), text.substring(end));
    }

    /** Whether a URL loads something over the network (http, https or protocol-relative). */
    static boolean isRemote(String url) {
        return parse(url) != null;
    }

    private static int skipLeadingSpace(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }
}
