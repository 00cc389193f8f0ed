package eu.postdesk.detect;

import java.util.List;

/** One pass over the word starts of a text for several {@link WordStartDetector}s. */
final class WordStarts {
    private WordStarts() {
    }

    static void scan(CharSequence chars, List<? extends WordStartDetector> detectors, List<Finding> into,
                     int[] detectorRanks, List<Integer> ranks) {
        scan(chars, detectors, into, detectorRanks, ranks, null);
    }

    /**
     * The answers of the detectors' {@link WordStartDetector#mayStart} for every pair of ASCII
     * characters, bit {@code d} for detector {@code d} at {@code first * 128 + second}; null for more
     * than 32 detectors. Built once per scanner: a table look-up instead of a call to each detector
     * at each word start.
     */
    static int[] asciiPairs(List<? extends WordStartDetector> detectors) {
        if (detectors.size() > 32) {
            return null;
        }
        int[] pairs = new int[128 * 128];
        for (char first = 0; first < 128; first++) {
            for (char second = 0; second < 128; second++) {
                int mask = 0;
                for (int d = 0; d < detectors.size(); d++) {
                    if (detectors.get(d).mayStart(first, second)) {
                        mask |= 1 << d;
                    }
                }
                pairs[first * 128 + second] = mask;
            }
        }
        return pairs;
    }

    /** As {@link #scan(CharSequence, List, List, int[], List)}, with the table of {@link #asciiPairs} (or null). */
    static void scan(CharSequence chars, List<? extends WordStartDetector> detectors, List<Finding> into,
                     int[] detectorRanks, List<Integer> ranks, int[] asciiPairs) {
        String text = chars.toString();
        scan(text, text.toCharArray(), detectors, into, detectorRanks, ranks, asciiPairs);
    }

    /**
     * As above, reading {@code array}, the characters of {@code text}: String.charAt on a text with
     * characters beyond Latin-1 keeps its bounds check in the loop, an array's is hoisted.
     */
    static void scan(String text, char[] array, List<? extends WordStartDetector> detectors, List<Finding> into,
                     int[] detectorRanks, List<Integer> ranks, int[] asciiPairs) {
        scan(text, array, detectors, into, detectorRanks, ranks, asciiPairs, null);
    }

    /**
     * As above, and, with {@code numbers}, in the same pass over the text, each number token to the
     * number detectors (as {@link NumberTokens#scan}: a token starts at every digit that no token
     * before holds). The findings of both are as when the passes run apart, though interleaved.
     * Returns whether the text holds an invisible character ({@link VisibleText#isInvisible}): the
     * walk reads every character, so the scanner need not search for them first.
     */
    static boolean scan(String text, char[] array, List<? extends WordStartDetector> detectors, List<Finding> into,
                     int[] detectorRanks, List<Integer> ranks, int[] asciiPairs, NumberTokens.Reader numbers) {
        int length = array.length;
        int last = length - 1;
        int count = detectors.size();
        int[] nextLook = new int[count];
        LastKeyword lastKeyword = new LastKeyword(detectors);
        boolean previousIsWord = false;
        int numbersFrom = numbers == null ? Integer.MAX_VALUE : 0;
        byte[] classes = ASCII_CLASS;
        boolean invisible = false;
        for (int i = 0; i < length; i++) {
            char c = array[i];
            boolean isWord;
            if (c < 128) {
                byte kind = classes[c];
                if (kind == DIGIT && i >= numbersFrom) {
                    numbersFrom = numbers.read(i);
                }
                isWord = kind != OTHER;
            } else {
                isWord = Character.isLetterOrDigit(c);
                invisible |= VisibleText.isInvisible(c);
            }
            if (!isWord || previousIsWord) {
                previousIsWord = isWord;
                continue;
            }
            previousIsWord = true;
            if (i == last) {
                continue;
            }
            char second = array[i + 1];
            boolean ascii = asciiPairs != null && c < 128 && second < 128;
            int candidates = ascii ? asciiPairs[c * 128 + second] : -1;
            if (candidates == 0) {
                continue;
            }
            atWordStart(text, i, c, second, ascii, candidates, detectors, nextLook, lastKeyword, into, detectorRanks, ranks);
        }
        return invisible;
    }

    private static void atWordStart(String text, int i, char c, char second, boolean ascii, int candidates,
                                    List<? extends WordStartDetector> detectors, int[] nextLook, LastKeyword lastKeyword,
                                    List<Finding> into, int[] detectorRanks, List<Integer> ranks) {
        if (nextLook.length > 32) {
            // no table of pairs for so many detectors (candidates is -1): every detector is asked
            for (int d = 0; d < nextLook.length; d++) {
                ask(text, i, c, second, ascii, d, detectors, nextLook, lastKeyword, into, detectorRanks, ranks);
            }
            return;
        }
        // the candidates' bits, lowest first (-1 for a non-ASCII pair: every detector, asked below)
        int bits = nextLook.length == 32 ? candidates : candidates & ((1 << nextLook.length) - 1);
        for (; bits != 0; bits &= bits - 1) {
            ask(text, i, c, second, ascii, Integer.numberOfTrailingZeros(bits), detectors, nextLook, lastKeyword, into,
                    detectorRanks, ranks);
        }
    }

    private static void ask(String text, int i, char c, char second, boolean ascii, int d,
                            List<? extends WordStartDetector> detectors, int[] nextLook, LastKeyword lastKeyword,
                            List<Finding> into, int[] detectorRanks, List<Integer> ranks) {
        if (i < nextLook[d]) {
            return;
        }
        WordStartDetector detector = detectors.get(d);
        if (!ascii && !detector.mayStart(c, second)) {
            return;
        }
        Keywords keywords = lastKeyword.keywordsOf[d];
        if (keywords != null && lastKeyword.match(keywords, text, i) < 0) {
            // No keyword starts here: what the detector would answer, without the call.
            nextLook[d] = i + 1;
            return;
        }
        int before = into.size();
        nextLook[d] = Math.max(i + 1, detector.atWordStart(text, i, into, lastKeyword));
        if (ranks != null) {
            for (int k = before; k < into.size(); k++) {
                ranks.add(detectorRanks[d]);
            }
        }
    }

    /**
     * The keyword match at the last word start asked about, for one scan: the detectors that read
     * the same {@link Keywords} (passwords and secrets) are asked at the same word starts, one after
     * the other, and the second reuses the first's match instead of walking the trie again.
     */
    static final class LastKeyword {
        // For each detector, the keywords it is driven by (null for the others): at most word
        // starts no keyword starts, and the walk answers for such a detector without calling it.
        final Keywords[] keywordsOf;
        Keywords keywords;
        int start = -1;
        long match;

        LastKeyword(List<? extends WordStartDetector> detectors) {
            keywordsOf = new Keywords[detectors.size()];
            for (int d = 0; d < keywordsOf.length; d++) {
                if (detectors.get(d) instanceof KeywordIntroducedDetector keywordDetector) {
                    keywordsOf[d] = keywordDetector.keywords;
                }
            }
        }

        long match(Keywords of, String text, int at) {
            if (at != start || of != keywords) {
                keywords = of;
                start = at;
                match = of.match(text, at);
            }
            return match;
        }
    }

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    /** For each ASCII character: {@link #OTHER}, {@link #LETTER} or {@link #DIGIT}. */
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_CLASS[c] = c >= '0' && c <= '9' ? DIGIT
                    : (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? LETTER : OTHER;
        }
    }

    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }

    static boolean isWordChar(char c) {
        if (c < 128) {
            return ASCII_WORD[c];
        }
        return Character.isLetterOrDigit(c);
    }
}
