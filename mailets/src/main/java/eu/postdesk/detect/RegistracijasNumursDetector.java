package eu.postdesk.detect;

import java.util.List;

/**
 * Latvian company registration code (reģistrācijas numurs, also the PVN/VAT number of a legal
 * entity), a company number: 11 digits, the first above 3, weights 9,1,4,8,3,10,2,5,7,6,1 giving 3
 * modulo 11; solid or {@code 4000 3521 600}, after "reģ. nr."/"reģistrācijas numurs"/"PVN" or the
 * {@code LV} of a VAT number. A person's PVN is his personas kods and is found as one.
 * Kind {@code REGISTRACIJAS_NUMURS}.
 */
public final class RegistracijasNumursDetector implements NumberDetector {
    private static final int[] WEIGHTS = {9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1};

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(4, 11);
    }

    @Override
    public int minDigits() {
        return 11;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int from = 0; from < token.groups(); from++) {
            int to = end(token, from);
            if (to < 0 || !isValid(token.digits(from, to)) || !CompanyNumbers.introduced(token, from, "LV", "reģ. nr", "reg. nr", "reģ.nr", "reg.nr",
                    "reģistrācijas", "registracijas", "vienotais reģistrācijas", "pvn", "registration")) {
                continue;
            }
            int start = CompanyNumbers.spanStart(token, from, to, "LV");
            if (start >= 0) {
                into.add(new Finding("REGISTRACIJAS_NUMURS", start, token.end(to)));
            }
        }
    }

    private static int end(NumberToken token, int from) {
        if (token.size(from) == 11) {
            return from;
        }
        if (from + 2 < token.groups() && token.joinedBy(from, from + 2, ' ')
                && token.size(from) == 4 && token.size(from + 1) == 4 && token.size(from + 2) == 3) {
            return from + 2;
        }
        return -1;
    }

    static boolean isValid(int[] d) {
        return d[0] > 3 && Checksums.weightedSum(d, WEIGHTS) % 11 == 3;
    }
}
