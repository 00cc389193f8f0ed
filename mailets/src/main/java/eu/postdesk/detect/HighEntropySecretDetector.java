package eu.postdesk.detect;

import java.util.List;

/**
 * The fallback for secrets of no known format: a keyword such as {@code token}, {@code api key},
 * {@code klucz}, {@code nøgle} or {@code atslēga}, then a long string that looks random (at least
 * {@value #MIN_LENGTH} token characters, three bits of entropy per character, two character classes).
 * UUIDs stay: they name things rather than unlock them. Kind {@code SECRET}.
 */
public final class HighEntropySecretDetector extends KeywordIntroducedDetector {
    static final int MIN_LENGTH = 16;
    private static final double MIN_BITS_PER_CHAR = 3.0;

    public HighEntropySecretDetector(Keywords keywords) {
        super(keywords);
    }

    /** With the default keyword list. */
    public HighEntropySecretDetector() {
        this(Keywords.defaults());
    }

    @Override
    boolean handles(Keywords.Group group) {
        return group == Keywords.Group.SECRET;
    }

    @Override
    int onKeyword(String text, int keywordStart, int keywordEnd, Keywords.Group group, List<Finding> into) {
        Value value = valueAfter(text, keywordEnd, 0, 0);
        if (value == null || !looksRandom(text, value.start(), value.end())) {
            return keywordEnd;
        }
        if (Placeholders.isPlaceholder(text.substring(value.start(), value.end()), 0)) {
            return value.end();
        }
        into.add(new Finding("SECRET", value.start(), value.end()));
        return value.end();
    }

    static boolean looksRandom(CharSequence text, int start, int end) {
        int length = end - start;
        if (length < MIN_LENGTH) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        int[] counts = new int[128];
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 128 || !(Character.isLetterOrDigit(c) || "+/=_-.~".indexOf(c) >= 0)) {
                return false;
            }
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            counts[c]++;
        }
        int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0);
        if (classes < 2 || isUuid(text, start, end)) {
            return false;
        }
        return bitsPerChar(counts, length) >= MIN_BITS_PER_CHAR;
    }

    static double bitsPerChar(int[] counts, int length) {
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / length;
                bits -= p * Math.log(p);
            }
        }
        return bits / Math.log(2);
    }

    static boolean isUuid(CharSequence text, int start, int end) {
        if (end - start != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(start + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
