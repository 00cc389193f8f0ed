package eu.postdesk.detect;

import java.util.List;

/**
 * German Steuerliche Identifikationsnummer: 11 digits, solid or in groups joined by spaces
 * ({@code 36 574 261 809}, the way the tax office prints it, or any other split), no leading zero, in the
 * first ten exactly one digit repeated twice or three times (never three in a row) and the ISO 7064
 * MOD 11,10 check digit. Kind {@code STEUER_ID}.
 */
public final class SteuerIdDetector implements NumberDetector {

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
            if (to < 0 || (to > from && token.separator(from + 1) == '-')) {
                continue;
            }
            if (token.standalone(from, to) && isValid(token.digits(from, to))) {
                into.add(new Finding("STEUER_ID", token.start(from), token.end(to)));
            }
        }
    }

    static boolean isValid(int[] d) {
        if (d[0] == 0) {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[d[i]]++;
        }
        int repeated = 0;
        for (int count : counts) {
            if (count > 3) {
                return false;
            }
            if (count >= 2) {
                repeated++;
            }
        }
        if (repeated != 1) {
            return false;
        }
        for (int i = 0; i + 2 < 10; i++) {
            if (d[i] == d[i + 1] && d[i] == d[i + 2]) {
                return false;
            }
        }
        return checkDigit(d) == d[10];
    }

    static int checkDigit(int[] d) {
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (d[i] + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        return check == 10 ? 0 : check;
    }
}
