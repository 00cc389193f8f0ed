package eu.postdesk.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A text as a reader sees it: without the characters that take no room on screen (soft hyphen,
 * zero-width space and joiners, word joiner, BOM). A customer's mail client or a copy from a web
 * page can leave them inside a card number or a token ({@code 4405&shy;1401359}); detectors scan
 * the visible text and each finding is mapped back to the span of the original, invisible
 * characters included.
 */
public final class VisibleText {
    private final String text;
    private final int[] original;

    private VisibleText(String text, int[] original) {
        this.text = text;
        this.original = original;
    }

    /** Whether {@code c} takes no room when rendered. */
    public static boolean isInvisible(char c) {
        return c == '\u00ad' || (c >= '\u200b' && c <= '\u200d') || c == '\u2060' || c == '\ufeff';
    }

    /** The visible text of {@code text}, or null when every character of it is visible. */
    static VisibleText of(CharSequence text) {
        if (!holdsInvisible(text)) {
            return null;
        }
        int n = text.length();
        StringBuilder visible = new StringBuilder(n);
        int[] original = new int[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!isInvisible(c)) {
                original[visible.length()] = i;
                visible.append(c);
            }
        }
        return new VisibleText(visible.toString(), original);
    }

    private static final int CHUNK = 16_384;
    private static final char[] INVISIBLE = {'\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'};

    private static boolean holdsInvisible(CharSequence text) {
        if (text instanceof String string) {
            // String.indexOf is vectorised, and instant for a Latin-1 string and a character beyond it;
            // over a chunk at a time, so that the six searches read the text once from memory.
            int n = string.length();
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);
                for (char c : INVISIBLE) {
                    if (string.indexOf(c, from, to) >= 0) {
                        return true;
                    }
                }
            }
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (isInvisible(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    String text() {
        return text;
    }

    /** The findings of the visible text as spans of the original text. */
    List<Finding> inOriginal(List<Finding> findings) {
        List<Finding> mapped = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            int start = original[finding.start()];
            int end = original[finding.end() - 1] + 1;
            mapped.add(new Finding(finding.kind(), start, end));
        }
        return mapped;
    }
}
