package eu.postdesk.detect;

import java.util.List;

/**
 * Payment card numbers: 13 to 19 digits, written solid or in groups of four (Amex 4-6-5, Diners
 * 4-6-4) joined by spaces or dashes, with a known issuer prefix and length (Visa, Mastercard incl.
 * 2-series, Amex, Discover, JCB, Diners, UnionPay, Maestro, Mir) and a valid Luhn check digit. Kind {@code CARD}.
 */
public final class CardNumberDetector implements NumberDetector {
    private static final int MAX_GROUPS_IN_CARD = 5;

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(4, 13, 14, 15, 16, 17, 18, 19);
    }

    @Override
    public int minDigits() {
        return 13;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int from = 0; from < token.groups(); from++) {
            for (int to = from; to < token.groups() && to - from < MAX_GROUPS_IN_CARD; to++) {
                int count = token.digitCount(from, to);
                if (count > 19) {
                    break;
                }
                if (count >= 13 && groupedLikeACard(token, from, to) && token.standalone(from, to)) {
                    int[] digits = token.digits(from, to);
                    if (issuerAccepts(digits) && Checksums.luhn(digits)) {
                        into.add(new Finding("CARD", token.start(from), token.end(to)));
                        from = to;
                        break;
                    }
                }
            }
        }
    }

    private static boolean groupedLikeACard(NumberToken token, int from, int to) {
        if (from == to) {
            return true;
        }
        char separator = token.separator(from + 1);
        if ((separator != ' ' && separator != '-') || !token.joinedBy(from, to, separator)) {
            return false;
        }
        if (to - from == 2 && token.size(from) == 4 && token.size(from + 1) == 6
                && (token.size(to) == 5 || token.size(to) == 4)) {
            return true;
        }
        for (int g = from; g < to; g++) {
            if (token.size(g) != 4) {
                return false;
            }
        }
        return to - from >= 2 && token.size(to) >= 1 && token.size(to) <= 4;
    }

    /** Issuer identification ranges and the lengths each scheme issues. */
    static boolean issuerAccepts(int[] d) {
        int length = d.length;
        int two = d[0] * 10 + d[1];
        int three = two * 10 + d[2];
        int four = three * 10 + d[3];
        int six = four * 100 + d[4] * 10 + d[5];
        if (d[0] == 4) {
            return length == 13 || length == 16 || length == 19;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return length == 16;
        }
        if (two == 34 || two == 37) {
            return length == 15;
        }
        if (four == 6011 || (three >= 644 && three <= 649) || two == 65 || (six >= 622126 && six <= 622925)) {
            return length >= 16 && length <= 19;
        }
        if (four >= 3528 && four <= 3589) {
            return length >= 16 && length <= 19;
        }
        if ((three >= 300 && three <= 305) || two == 36 || two == 38 || two == 39) {
            return length >= 14 && length <= 19;
        }
        if (two == 62) {
            return length >= 16 && length <= 19;
        }
        if (four >= 2200 && four <= 2204) {
            return length >= 16 && length <= 19;
        }
        if (two == 50 || (two >= 56 && two <= 69)) {
            return length >= 13 && length <= 19;
        }
        return false;
    }
}
