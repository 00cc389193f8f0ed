package eu.postdesk.detect;

import java.util.List;

/**
 * Swedish personnummer and samordningsnummer (coordination number, day + 60) in the forms people
 * write them: YYMMDD-NNNC, YYMMDD+NNNC (from the 100th birthday), YYYYMMDD-NNNC, and the same
 * digits without a separator. A valid date and the Luhn check over the last ten digits decide;
 * month digits of 20 and more mark an organisationsnummer, which names a company. Twelve solid
 * digits with a century of 18-20, a date and Luhn are unambiguous; ten solid digits count on their
 * own too, except when they start with 0 (that is how Swedish phone numbers start: 070..., 08...),
 * which then need "personnummer" before them. Kind {@code PERSONNUMMER}.
 */
public final class PersonnummerDetector implements NumberDetector {

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(6, 8, 10, 12);
    }

    @Override
    public int minDigits() {
        return 10;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int from = 0; from < token.groups(); from++) {
            int size = token.size(from);
            boolean separated = from + 1 < token.groups() && (size == 6 || size == 8) && token.size(from + 1) == 4
                    && (token.separator(from + 1) == '-' || token.separator(from + 1) == '+');
            boolean solid = size == 12
                    || (size == 10 && (token.text().charAt(token.start(from)) != '0' || labelled(token, from)));
            if (!separated && !solid) {
                continue;
            }
            int to = separated ? from + 1 : from;
            if (token.standalone(from, to) && isValid(token.digits(from, to))) {
                into.add(new Finding("PERSONNUMMER", token.start(from), token.end(to)));
            }
        }
    }

    private static boolean labelled(NumberToken token, int from) {
        return Checksums.precededBy(token.text(), token.start(from), 32,
                "personnummer", "personnr", "person nr", "pers.nr", "samordningsnummer", "pnr");
    }

    static boolean isValid(int[] all) {
        int offset = all.length - 10;
        if (offset == 2) {
            int century = all[0] * 10 + all[1];
            if (century < 18 || century > 20) {
                return false;
            }
        }
        int month = all[offset + 2] * 10 + all[offset + 3];
        int day = all[offset + 4] * 10 + all[offset + 5];
        if (day > 60) {
            day -= 60;
        }
        int year = offset == 2 ? Checksums.number(all, 0, 4) : 2000 + all[0] * 10 + all[1];
        return Checksums.isDate(year, month, day) && Checksums.luhn(all, offset, all.length);
    }
}
