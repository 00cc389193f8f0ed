package eu.postdesk.mailets.redaction;

import eu.postdesk.detect.VisibleText;

import java.util.Locale;

/**
 * What makes two findings "the same value" for a placeholder: a number written with or without
 * spaces and dashes, in lower or upper case, or with invisible characters inside
 * ({@code PL61 1090...} and {@code pl6110901...}) is one number; anything else (passwords,
 * tokens) must match exactly.
 */
final class SameValue {
    private SameValue() {
    }

    static String of(String value) {
        StringBuilder compact = new StringBuilder(value.length());
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isInvisible(c)) {
                continue;
            }
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !isSeparator(c) && c != '+') {
                return withoutInvisible(value); // not number-shaped: exact
            }
            if (!isSeparator(c)) {
                compact.append(c);
            }
        }
        // A '+' stays: in a Swedish personnummer it tells a centenarian from a child.
        return digits >= 6 ? compact.toString().toUpperCase(Locale.ROOT) : withoutInvisible(value);
    }

    private static String withoutInvisible(String value) {
        StringBuilder visible = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            if (!isInvisible(value.charAt(i))) {
                visible.append(value.charAt(i));
            }
        }
        return visible.toString();
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\u00a0' || c == '-';
    }

    private static boolean isInvisible(char c) {
        return VisibleText.isInvisible(c);
    }
}
