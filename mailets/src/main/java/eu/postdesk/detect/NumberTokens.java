package eu.postdesk.detect;

import java.util.List;

/** Cuts a text into {@link NumberToken}s in one pass and hands each to the number detectors. */
final class NumberTokens {
    private NumberTokens() {
    }

    static void scan(CharSequence chars, List<? extends NumberDetector> detectors, List<Finding> into) {
        scan(chars, detectors, into, null, null);
    }

    /** As {@link #scan(CharSequence, List, List)}, also adding to {@code ranks} the rank of the detector of each finding. */
    static void scan(CharSequence chars, List<? extends NumberDetector> detectors, List<Finding> into,
                     int[] detectorRanks, List<Integer> ranks) {
        scan(chars, detectors, into, detectorRanks, ranks, true);
    }

    /**
     * With {@code indexed}, a token goes only to the detectors whose {@link NumberDetector#groupSizes()}
     * and {@link NumberDetector#minDigits()} it meets (most tokens then reach none or one or two);
     * without, to every detector (the reference the index is tested against).
     */
    static void scan(CharSequence chars, List<? extends NumberDetector> detectors, List<Finding> into,
                     int[] detectorRanks, List<Integer> ranks, boolean indexed) {
        String text = chars.toString();
        int count = detectors.size();
        long[] sizes = new long[count];
        int[] minDigits = new int[count];
        boolean[] readsShortRuns = new boolean[count];
        for (int d = 0; d < count; d++) {
            NumberDetector detector = detectors.get(d);
            sizes[d] = indexed ? detector.groupSizes() : -1L;
            minDigits[d] = indexed ? detector.minDigits() : 0;
            readsShortRuns[d] = detector.readsShortRuns();
        }
        int n = text.length();
        NumberToken token = new NumberToken();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            token.reset(text);
            while (true) {
                int start = i;
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
                token.add(start, i);
                if (token.full() || i + 1 >= n || !isSeparator(text.charAt(i)) || !isDigit(text.charAt(i + 1))) {
                    break;
                }
                i++;
            }
            // Every identifier has at least eight digits (CVR, Y-tunnus), except those after letters
            // (IBAN "NO44 1850.05.14562" or "NO 44 1850...", ID card).
            boolean shortRun = token.digitCount(0, token.groups() - 1) < 8;
            if (shortRun && !afterLetter(text, token.start())) {
                continue;
            }
            long tokenSizes = token.sizeMask();
            int tokenDigits = token.digits();
            for (int d = 0; d < count; d++) {
                // Short runs after letters ("v2", "item3", "x86") are many: only the detectors that read them get them.
                if ((shortRun && !readsShortRuns[d]) || (tokenSizes & sizes[d]) == 0 || tokenDigits < minDigits[d]) {
                    continue;
                }
                int before = into.size();
                detectors.get(d).inspect(token, into);
                if (ranks != null) {
                    for (int k = before; k < into.size(); k++) {
                        ranks.add(detectorRanks[d]);
                    }
                }
            }
        }
    }

    /** Glued to a letter, or one space after a capital country code ("NO 44 ..."; not "Order 12"). */
    private static boolean afterLetter(String text, int start) {
        if (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            return true;
        }
        return start > 2 && text.charAt(start - 1) == ' ' && isCapital(text.charAt(start - 2)) && isCapital(text.charAt(start - 3))
                && (start == 3 || !Character.isLetter(text.charAt(start - 4)));
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Spaces and dashes, "+" (Swedish centenarians), and the letters of Finnish century signs. */
    private static boolean isSeparator(char c) {
        return switch (c) {
            case ' ', '\u00a0', '-', '+', 'A', 'B', 'C', 'D', 'E', 'F', 'U', 'V', 'W', 'X', 'Y' -> true;
            default -> false;
        };
    }
}
