package eu.postdesk.mailets.tracking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans the URLs written out in plain text (the text alternative, or text inside HTML): unwraps,
 * drops tracking parameters, and replaces neutralised URLs with a marker.
 */
final class TextLinks {
    /** What an agent reads where a tracking-only URL was. */
    static final String MARKER = "[tracking link removed]";
    private static final Pattern URL = Pattern.compile("(?:[hH][tT][tT][pP][sS]?://)[^\\s<>\"\\u00A0]++");

    private final LinkCleaner cleaner;

    TextLinks(LinkCleaner cleaner) {
        this.cleaner = cleaner;
    }

    /** The text with its URLs cleaned; the same instance when nothing changed. */
    String clean(String text, Removals removals) {
        if (text.indexOf("://") < 0) {
            return text;
        }
        Matcher matcher = URL.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            int start = matcher.start();
            int end = withoutTrailingPunctuation(text, start, matcher.end());
            String url = text.substring(start, end);
            String cleaned = cleaner.cleanLink(url, removals);
            if (cleaned == url) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            if (cleaned == null) {
                boolean bracketed = start > 0 && text.charAt(start - 1) == '<' && end < text.length() && text.charAt(end) == '>';
                int from = bracketed ? start - 1 : start;
                int to = bracketed ? end + 1 : end;
                out.append(text, copied, from);
                if (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
                    out.append(' ');
                }
                out.append(MARKER);
                copied = to;
            } else {
                out.append(text, copied, start).append(cleaned);
                copied = end;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Sentence punctuation after a URL is not part of it; a closing bracket is when it has its opening one. */
    private static int withoutTrailingPunctuation(String text, int start, int end) {
        while (end > start) {
            char last = text.charAt(end - 1);
            if (".,;:!?'\"]}*".indexOf(last) >= 0) {
                end--;
            } else if (last == ')' && count(text, start, end, '(') < count(text, start, end, ')')) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(String text, int start, int end, char c) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
