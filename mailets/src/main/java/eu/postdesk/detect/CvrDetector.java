package eu.postdesk.detect;

import java.util.List;

/**
 * Danish CVR (company and VAT number), a company number: 8 digits, no leading zero, weights
 * 2,7,6,5,4,3,2,1 summing to a multiple of 11; solid or in pairs ({@code 13 58 56 28}), after
 * "CVR"/"SE-nr"/"moms" or the {@code DK} of a VAT number. Kind {@code CVR}.
 */
public final class CvrDetector implements NumberDetector {
    private static final int[] WEIGHTS = {2, 7, 6, 5, 4, 3, 2, 1};

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(2, 8);
    }

    @Override
    public int minDigits() {
        return 8;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        // Eight digits solid, or four pairs: a date such as 2024-03-12 (groups 4, 2, 2) is neither.
        if ((token.sizeMask() & 1L << 8) == 0 && token.groups() < 4 || !CompanyNumbers.mayStandApart(token, "DK")) {
            return;
        }
        for (int from = 0; from < token.groups(); from++) {
            int to = end(token, from);
            // The checksum first: it is cheaper than looking for a label, and most numbers fail it.
            if (to < 0 || !isValid(token, from, to)
                    || !CompanyNumbers.introduced(token, from, "DK", "cvr", "se-nr", "se nr", "moms")) {
                continue;
            }
            int start = CompanyNumbers.spanStart(token, from, to, "DK");
            if (start >= 0) {
                into.add(new Finding("CVR", start, token.end(to)));
            }
        }
    }

    private static int end(NumberToken token, int from) {
        if (token.size(from) == 8) {
            return from;
        }
        if (from + 3 < token.groups() && token.joinedBy(from, from + 3, ' ')
                && token.size(from) == 2 && token.size(from + 1) == 2 && token.size(from + 2) == 2 && token.size(from + 3) == 2) {
            return from + 3;
        }
        return -1;
    }

    /** As {@link #isValid(int[])} for the groups {@code from..to} (eight digits), without making an array. */
    private static boolean isValid(NumberToken token, int from, int to) {
        return token.firstDigit(from) != 0 && token.weightedSum(from, to, WEIGHTS) % 11 == 0;
    }

    static boolean isValid(int[] d) {
        return d[0] != 0 && Checksums.weightedSum(d, WEIGHTS) % 11 == 0;
    }
}
