package eu.postdesk.detect;

import java.util.List;

/**
 * Polish PESEL: 11 digits YYMMDDZZZXQ, the month carrying the century (+80 for the 1800s, +20 for
 * the 2000s, +40, +60), a valid date and the weighted check digit (1,3,7,9,...). Kind {@code PESEL}.
 */
public final class PeselDetector implements NumberDetector {
    private static final int[] WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(11);
    }

    @Override
    public int minDigits() {
        return 11;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int g = 0; g < token.groups(); g++) {
            if (token.size(g) == 11 && token.standalone(g, g) && isValid(token.digits(g, g))) {
                into.add(new Finding("PESEL", token.start(g), token.end(g)));
            }
        }
    }

    static boolean isValid(int[] d) {
        int month = d[2] * 10 + d[3];
        int century = switch (month / 20) {
            case 0 -> 1900;
            case 1 -> 2000;
            case 2 -> 2100;
            case 3 -> 2200;
            default -> 1800;
        };
        int year = century + d[0] * 10 + d[1];
        if (!Checksums.isDate(year, month % 20, d[4] * 10 + d[5])) {
            return false;
        }
        return (10 - Checksums.weightedSum(d, WEIGHTS) % 10) % 10 == d[10];
    }
}
