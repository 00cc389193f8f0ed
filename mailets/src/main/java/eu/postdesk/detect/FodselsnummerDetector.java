package eu.postdesk.detect;

import java.util.List;

/**
 * Norwegian fødselsnummer, DDMMYY + five digits (also D-numbers, day + 40, and H-numbers, month + 40),
 * written solid or as DDMMYY NNNNN, with both modulus-11 check digits. Kind {@code FODSELSNUMMER}.
 */
public final class FodselsnummerDetector implements NumberDetector {
    private static final int[] FIRST = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] SECOND = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int from = 0; from < token.groups(); from++) {
            boolean split = from + 1 < token.groups() && token.size(from) == 6 && token.size(from + 1) == 5
                    && NumberToken.isSpace(token.separator(from + 1));
            if (!split && token.size(from) != 11) {
                continue;
            }
            int to = split ? from + 1 : from;
            if (token.standalone(from, to) && isValid(token.digits(from, to))) {
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
