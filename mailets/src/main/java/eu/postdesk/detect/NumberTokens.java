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
        scan(text, text.toCharArray(), detectors, into, detectorRanks, ranks, indexed);
    }

    /**
     * As above, reading {@code array}, the characters of {@code text}: String.charAt on a text with
     * characters beyond Latin-1 keeps its bounds check in the loop, an array's is hoisted.
     */
    static void scan(String text, char[] array, List<? extends NumberDetector> detectors, List<Finding> into,
                     int[] detectorRanks, List<Integer> ranks, boolean indexed) {
        Reader reader = new Reader(text, array, detectors, into, detectorRanks, ranks, indexed);
        int n = array.length;
        int i = 0;
        while (i < n) {
            char c = array[i];
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            i = reader.read(i);
        }
    }

    /**
     * Reads the token that starts at a digit and hands it to the detectors, for a pass that finds the
     * digits itself (the scanner's one pass over the text for numbers and word starts).
     */
    static final class Reader {
        private final String text;
        private final char[] array;
        private final List<? extends NumberDetector> detectors;
        private final List<Finding> into;
        private final int[] detectorRanks;
        private final List<Integer> ranks;
        private final int count;
        private final long[] sizes;
        private final int[] minDigits;
        private final boolean[] readsShortRuns;
        private final NumberToken token = new NumberToken();
        // The detectors as an array, and for each the number of its class in STANDARD (or -1): a
        // token reaches 18 classes of detector, and one call site for all of them is megamorphic
        // (a stub looks the method up at every call); a switch on the class calls each directly.
        private final NumberDetector[] detectorArray;
        private final int[] standard;
        // With 32 detectors or fewer, the index as bit masks of detectors: by group size (a bit of
        // NumberToken.sizeMask), by digit total (capped at the largest minDigits), reading short runs.
        private final int[] bySize;
        private final int[] byDigits;
        private int shortRunMask;
        // The detectors that need a country code before a token of fewer digits than countryCodeBelow.
        private int countryCodeMask;
        private final int[] countryCodeBelow;

        Reader(String text, char[] array, List<? extends NumberDetector> detectors, List<Finding> into,
               int[] detectorRanks, List<Integer> ranks, boolean indexed) {
            this.text = text;
            this.array = array;
            this.detectors = detectors;
            this.into = into;
            this.detectorRanks = detectorRanks;
            this.ranks = ranks;
            count = detectors.size();
            detectorArray = detectors.toArray(new NumberDetector[0]);
            standard = new int[count];
            for (int d = 0; d < count; d++) {
                standard[d] = STANDARD.indexOf(detectorArray[d].getClass());
            }
            sizes = new long[count];
            minDigits = new int[count];
            readsShortRuns = new boolean[count];
            countryCodeBelow = new int[count];
            for (int d = 0; d < count; d++) {
                NumberDetector detector = detectors.get(d);
                sizes[d] = indexed ? detector.groupSizes() : -1L;
                minDigits[d] = indexed ? detector.minDigits() : 0;
                readsShortRuns[d] = detector.readsShortRuns();
                countryCodeBelow[d] = indexed ? detector.countryCodeBelow() : 0;
            }
            if (count <= 32) {
                bySize = new int[64];
                int maxMinDigits = 0;
                for (int d = 0; d < count; d++) {
                    for (int b = 0; b < 64; b++) {
                        if ((sizes[d] >>> b & 1) != 0) {
                            bySize[b] |= 1 << d;
                        }
                    }
                    if (readsShortRuns[d]) {
                        shortRunMask |= 1 << d;
                    }
                    if (countryCodeBelow[d] > 0) {
                        countryCodeMask |= 1 << d;
                    }
                    maxMinDigits = Math.max(maxMinDigits, minDigits[d]);
                }
                byDigits = new int[maxMinDigits + 1];
                for (int k = 0; k <= maxMinDigits; k++) {
                    for (int d = 0; d < count; d++) {
                        if (minDigits[d] <= k) {
                            byDigits[k] |= 1 << d;
                        }
                    }
                }
            } else {
                bySize = null;
                byDigits = null;
            }
        }

        /** Reads the token starting at the digit at {@code i}; returns the index after its last digit. */
        int read(int i) {
            char[] array = this.array;
            int n = array.length;
            NumberToken token = this.token;
            token.reset(text, array);
            while (true) {
                int start = i;
                while (i < n && isDigit(array[i])) {
                    i++;
                }
                token.add(start, i);
                if (token.full() || i + 1 >= n || !isSeparator(array[i]) || !isDigit(array[i + 1])) {
                    break;
                }
                i++;
            }
            // Every identifier has at least eight digits (CVR, Y-tunnus), except those after letters
            // (IBAN "NO44 1850.05.14562" or "NO 44 1850...", ID card).
            int tokenDigits = token.digits();
            boolean shortRun = tokenDigits < 8;
            if (shortRun && !afterLetter(array, token.start())) {
                return i;
            }
            long tokenSizes = token.sizeMask();
            if (bySize != null) {
                int candidates = 0;
                for (long bits = tokenSizes; bits != 0; bits &= bits - 1) {
                    candidates |= bySize[Long.numberOfTrailingZeros(bits)];
                }
                candidates &= byDigits[Math.min(tokenDigits, byDigits.length - 1)];
                if (shortRun) {
                    candidates &= shortRunMask;
                }
                if ((candidates & countryCodeMask) != 0 && !(token.size(0) >= 2 && countryCodeBefore(array, token.start()))) {
                    for (int bits = candidates & countryCodeMask; bits != 0; bits &= bits - 1) {
                        int d = Integer.numberOfTrailingZeros(bits);
                        if (tokenDigits < countryCodeBelow[d]) {
                            candidates &= ~(1 << d);
                        }
                    }
                }
                // Ascending, as the loop below.
                for (; candidates != 0; candidates &= candidates - 1) {
                    inspect(Integer.numberOfTrailingZeros(candidates));
                }
                return i;
            }
            for (int d = 0; d < count; d++) {
                // Short runs after letters ("v2", "item3", "x86") are many: only the detectors that read them get them.
                if ((shortRun && !readsShortRuns[d]) || (tokenSizes & sizes[d]) == 0 || tokenDigits < minDigits[d]) {
                    continue;
                }
                if (tokenDigits < countryCodeBelow[d] && !(token.size(0) >= 2 && countryCodeBefore(array, token.start()))) {
                    continue;
                }
                inspect(d);
            }
            return i;
        }

        private void inspect(int d) {
            int before = into.size();
            NumberDetector detector = detectorArray[d];
            switch (standard[d]) {
                case 0 -> ((IbanDetector) detector).inspect(token, into);
                case 1 -> ((CardNumberDetector) detector).inspect(token, into);
                case 2 -> ((NipDetector) detector).inspect(token, into);
                case 3 -> ((RegonDetector) detector).inspect(token, into);
                case 4 -> ((CvrDetector) detector).inspect(token, into);
                case 5 -> ((OrganisationsnummerDetector) detector).inspect(token, into);
                case 6 -> ((YTunnusDetector) detector).inspect(token, into);
                case 7 -> ((OrganisasjonsnummerDetector) detector).inspect(token, into);
                case 8 -> ((RegistracijasNumursDetector) detector).inspect(token, into);
                case 9 -> ((PeselDetector) detector).inspect(token, into);
                case 10 -> ((PolishIdCardDetector) detector).inspect(token, into);
                case 11 -> ((CprDetector) detector).inspect(token, into);
                case 12 -> ((PersonasKodsDetector) detector).inspect(token, into);
                case 13 -> ((PersonnummerDetector) detector).inspect(token, into);
                case 14 -> ((HenkilotunnusDetector) detector).inspect(token, into);
                case 15 -> ((FodselsnummerDetector) detector).inspect(token, into);
                case 16 -> ((SteuerIdDetector) detector).inspect(token, into);
                case 17 -> ((SsnDetector) detector).inspect(token, into);
                default -> detector.inspect(token, into);
            }
            if (ranks != null) {
                for (int k = before; k < into.size(); k++) {
                    ranks.add(detectorRanks[d]);
                }
            }
        }
    }

    /** The classes of the standard number detectors, in the order of the switch in {@link Reader#inspect}. */
    private static final List<Class<? extends NumberDetector>> STANDARD = List.of(
            IbanDetector.class,
            CardNumberDetector.class,
            NipDetector.class,
            RegonDetector.class,
            CvrDetector.class,
            OrganisationsnummerDetector.class,
            YTunnusDetector.class,
            OrganisasjonsnummerDetector.class,
            RegistracijasNumursDetector.class,
            PeselDetector.class,
            PolishIdCardDetector.class,
            CprDetector.class,
            PersonasKodsDetector.class,
            PersonnummerDetector.class,
            HenkilotunnusDetector.class,
            FodselsnummerDetector.class,
            SteuerIdDetector.class,
            SsnDetector.class);

    /** Two ASCII letters glued before {@code start}, or two capitals and a space (a space or a no-break space). */
    private static boolean countryCodeBefore(char[] text, int start) {
        if (start < 2) {
            return false;
        }
        char before = text[start - 1];
        if (isAsciiLetter(before)) {
            return isAsciiLetter(text[start - 2]);
        }
        return start >= 3 && NumberToken.isSpace(before) && isCapital(text[start - 2]) && isCapital(text[start - 3]);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Glued to a letter, or one space after a capital country code ("NO 44 ..."; not "Order 12"). */
    private static boolean afterLetter(char[] text, int start) {
        if (start > 0 && Character.isLetter(text[start - 1])) {
            return true;
        }
        return start > 2 && text[start - 1] == ' ' && isCapital(text[start - 2]) && isCapital(text[start - 3])
                && (start == 3 || !Character.isLetter(text[start - 4]));
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
