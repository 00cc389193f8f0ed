package eu.postdesk.detect;

import java.util.List;

/**
 * Finnish Y-tunnus (business ID), a company number: NNNNNNN-C, weights 7,9,10,5,8,4,2 and the check
 * digit summing to a multiple of 11; the dashed form stands on its own, the VAT form
 * {@code FI} + eight digits needs its country code. Kind {@code Y_TUNNUS}.
 */
public final class YTunnusDetector implements NumberDetector {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1};

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(7, 8);
    }

    @Override
    public int minDigits() {
        return 8;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int from = 0; from < token.groups(); from++) {
            boolean dashed = from + 1 < token.groups() && token.size(from) == 7 && token.size(from + 1) == 1
                    && token.separator(from + 1) == '-';
            boolean vat = from == 0 && token.size(from) == 8 && CompanyNumbers.countryCodeStart(token, "FI") >= 0;
            if (!dashed && !vat) {
                continue;
            }
            int to = dashed ? from + 1 : from;
            int start = CompanyNumbers.spanStart(token, from, to, vat ? "FI" : null);
            if (start >= 0 && isValid(token.digits(from, to))) {
                into.add(new Finding("Y_TUNNUS", start, token.end(to)));
            }
        }
    }

    static boolean isValid(int[] d) {
        return Checksums.weightedSum(d, WEIGHTS) % 11 == 0;
    }
}
