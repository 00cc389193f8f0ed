package eu.postdesk.detect;

import java.util.List;

/**
 * Polish NIP (tax number), a company number: 10 digits with the mod-11 check (weights
 * 6,5,7,2,3,4,5,6,7). Written {@code 123-456-78-90} or {@code 123-45-67-890} it stands on its own;
 * ten bare digits count only after the word "NIP" or glued to the {@code PL} of a VAT number
 * ({@code PL5260250274}), since one in eleven numbers passes the check. Kind {@code NIP}.
 */
public final class NipDetector implements NumberDetector {
    private static final int[] WEIGHTS = {6, 5, 7, 2, 3, 4, 5, 6, 7};

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(3, 10);
    }

    @Override
    public int minDigits() {
        return 10;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        if (!CompanyNumbers.mayStandApart(token, "PL")) {
            return;
        }
        for (int from = 0; from < token.groups(); from++) {
            int to = dashedEnd(token, from);
            if (to < 0) {
                to = from;
                if (token.size(from) != 10 || !isValid(token.digits(from, to))
                        || !CompanyNumbers.introduced(token, from, "PL", "nip")) {
                    continue;
                }
            }
            int start = CompanyNumbers.spanStart(token, from, to, "PL");
            if (start >= 0 && isValid(token.digits(from, to))) {
                into.add(new Finding("NIP", start, token.end(to)));
            }
        }
    }

    private static int dashedEnd(NumberToken token, int from) {
        if (from + 3 >= token.groups() || !token.joinedBy(from, from + 3, '-')) {
            return -1;
        }
        int a = token.size(from);
        int b = token.size(from + 1);
        int c = token.size(from + 2);
        int d = token.size(from + 3);
        boolean shape = a == 3 && ((b == 3 && c == 2 && d == 2) || (b == 2 && c == 2 && d == 3));
        return shape ? from + 3 : -1;
    }

    static boolean isValid(int[] d) {
        int check = Checksums.weightedSum(d, WEIGHTS) % 11;
        return check != 10 && check == d[9];
    }
}
