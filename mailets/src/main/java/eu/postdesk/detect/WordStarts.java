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
        int n = text.length() - 1;
        int count = detectors.size();
        int[] nextLook = new int[count];
        boolean previousIsWord = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean isWord = isWordChar(c);
            if (!isWord || previousIsWord) {
                previousIsWord = isWord;
                continue;
            }
            previousIsWord = true;
            char second = text.charAt(i + 1);
            boolean ascii = asciiPairs != null && c < 128 && second < 128;
            int candidates = ascii ? asciiPairs[c * 128 + second] : -1;
            if (candidates == 0) {
                continue;
            }
            for (int d = 0; d < count; d++) {
                if ((candidates & (1 << d)) == 0 || i < nextLook[d]) {
                    continue;
                }
                WordStartDetector detector = detectors.get(d);
                if (!ascii && !detector.mayStart(c, second)) {
                    continue;
                }
                int before = into.size();
                nextLook[d] = Math.max(i + 1, detector.atWordStart(text, i, into));
                if (ranks != null) {
                    for (int k = before; k < into.size(); k++) {
                        ranks.add(detectorRanks[d]);
                    }
                }
            }
        }
    }

    static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return Character.isLetterOrDigit(c);
    }
}
