package eu.postdesk.detect;

import java.util.List;

/**
 * Polish identity card number (dowód osobisty): three letters, then the check digit, then five
 * digits ({@code ABA300000}); letters count A=10 ... Z=35 and the weights are 7,3,1,9,7,3,1,7,3
 * with the sum divisible by 10. Kind {@code PL_ID_CARD}.
 */
public final class PolishIdCardDetector implements NumberDetector {
    private static final int[] WEIGHTS = {7, 3, 1, 9, 7, 3, 1, 7, 3};

    /** Short runs after letters: six digits after three letters. */
    @Override
    public boolean readsShortRuns() {
        return true;
    }

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(6);
    }

    @Override
    public int minDigits() {
        return 6;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        String text = token.text();
        int start = token.start() - 3;
        if (start < 0 || token.size(0) != 6) {
            return;
        }
        boolean cleanEnd = token.groups() == 1 ? token.openRight() : NumberToken.isSpace(token.separator(1));
        if (!cleanEnd) {
            return;
        }
        if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            return;
        }
        int[] values = new int[9];
        for (int i = 0; i < 3; i++) {
            char c = text.charAt(start + i);
            if (c < 'A' || c > 'Z') {
                return;
            }
            values[i] = c - 'A' + 10;
        }
        for (int i = 0; i < 6; i++) {
            values[3 + i] = text.charAt(token.start() + i) - '0';
        }
        if (isValid(values)) {
            into.add(new Finding("PL_ID_CARD", start, token.end(0)));
        }
    }

    static boolean isValid(int[] values) {
        return Checksums.weightedSum(values, WEIGHTS) % 10 == 0;
    }
}
