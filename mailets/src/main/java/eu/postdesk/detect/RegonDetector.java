package eu.postdesk.detect;

import java.util.List;

/**
 * Polish REGON (business register number), a company number: 9 digits, or 14 for a local unit
 * (the 9 of its company and 5 more), each with its mod-11 check (a remainder of 10 counts as 0).
 * Only after the word "REGON": one number in ten passes the check. Kind {@code REGON}.
 */
public final class RegonDetector implements NumberDetector {
    private static final int[] WEIGHTS_9 = {8, 9, 2, 3, 4, 5, 6, 7};
    private static final int[] WEIGHTS_14 = {2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8};

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(9, 14);
    }

    @Override
    public int minDigits() {
        return 9;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int g = 0; g < token.groups(); g++) {
            int size = token.size(g);
            if ((size == 9 || size == 14) && token.standalone(g, g)
                    && Checksums.precededBy(token.text(), token.start(g), CompanyNumbers.LABEL_WINDOW, "regon")
                    && isValid(token.digits(g, g))) {
                into.add(new Finding("REGON", token.start(g), token.end(g)));
            }
        }
    }

    static boolean isValid(int[] d) {
        boolean company = Checksums.weightedSum(d, WEIGHTS_9) % 11 % 10 == d[8];
        if (d.length == 9) {
            return company;
        }
        return company && Checksums.weightedSum(d, WEIGHTS_14) % 11 % 10 == d[13];
    }
}
