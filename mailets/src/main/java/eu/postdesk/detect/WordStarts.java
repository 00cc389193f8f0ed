package eu.postdesk.detect;

import java.util.List;

/** One pass over the word starts of a text for several {@link WordStartDetector}s. */
final class WordStarts {
    private WordStarts() {
    }

    static void scan(CharSequence chars, List<? extends WordStartDetector> detectors, List<Finding> into,
                     int[] detectorRanks, List<Integer> ranks) {
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
            for (int d = 0; d < count; d++) {
                WordStartDetector detector = detectors.get(d);
                if (i < nextLook[d] || !detector.mayStart(c, second)) {
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
