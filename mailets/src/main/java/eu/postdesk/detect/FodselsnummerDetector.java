package eu.postdesk.detect;

import java.util.List;

/**
 * Norwegian fødselsnummer, DDMMYY + five digits, also D-numbers (day + 40) and H-numbers (month +
 * 40), with both modulus-11 check digits. Written solid or in groups of two or more digits joined by
 * one kind of separator, as people do ({@code 151086 95088}, {@code 151086-95088},
 * {@code 26 11 15 940 14}, {@code 18-06-15-92527}). Kind {@code FODSELSNUMMER}.
 */
public final class FodselsnummerDetector implements NumberDetector {
    private static final int[] FIRST = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] SECOND = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Override
    public int minDigits() {
        return 11;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        if (!token.openBothSides()) {
            return;
        }
        for (int from = 0; from < token.groups(); from++) {
            int to = GroupedDigits.end(token, from, 11);
            if (to >= 0 && token.standalone(from, to) && isValid(token.digits(from, to))) {
                into.add(new Finding("FODSELSNUMMER", token.start(from), token.end(to)));
            }
        }
    }

    static boolean isValid(int[] d) {
        int day = d[0] * 10 + d[1];
        int month = d[2] * 10 + d[3];
        if (day > 40) {
            day -= 40;
        }
        if (month > 40) {
            month -= 40;
        }
        if (!Checksums.isDateAnyCentury(d[4] * 10 + d[5], month, day)) {
            return false;
        }
        return check(d, FIRST) == d[9] && check(d, SECOND) == d[10];
    }

    private static int check(int[] d, int[] weights) {
        int k = 11 - Checksums.weightedSum(d, weights) % 11;
        return k == 11 ? 0 : k;
    }
}
