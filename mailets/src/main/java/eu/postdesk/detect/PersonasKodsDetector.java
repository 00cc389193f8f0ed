package eu.postdesk.detect;

import java.util.List;

/**
 * Latvian personas kods. The old form DDMMYY-CNNNN: a valid date, the century in the seventh digit
 * (0 = 1800s, 1 = 1900s, 2 = 2000s) and a check digit (weights 1,6,3,7,9,10,5,8,4,2; (1101 - sum)
 * mod 11). The form issued since 2017, 32NNNN-NNNNN, carries no date. Eleven bare digits count
 * only after "personas kods". Kind {@code PERSONAS_KODS}.
 */
public final class PersonasKodsDetector implements NumberDetector {
    private static final int[] WEIGHTS = {1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(6, 11);
    }

    @Override
    public int minDigits() {
        return 11;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int from = 0; from < token.groups(); from++) {
            boolean dashed = from + 1 < token.groups() && token.size(from) == 6 && token.size(from + 1) == 5
                    && token.separator(from + 1) == '-';
            boolean solid = token.size(from) == 11
                    && Checksums.precededBy(token.text(), token.start(from), 32, "personas kod", "pers. kod", "p.k.");
            if (!dashed && !solid) {
                continue;
            }
            int to = dashed ? from + 1 : from;
            if (token.standalone(from, to) && isValid(token.digits(from, to))) {
                into.add(new Finding("PERSONAS_KODS", token.start(from), token.end(to)));
            }
        }
    }

    static boolean isValid(int[] d) {
        if (d[0] == 3 && d[1] == 2) {
            return true;
        }
        int century = switch (d[6]) {
            case 0 -> 1800;
            case 1 -> 1900;
            case 2 -> 2000;
            default -> -1;
        };
        if (century < 0 || !Checksums.isDate(century + d[4] * 10 + d[5], d[2] * 10 + d[3], d[0] * 10 + d[1])) {
            return false;
        }
        int check = (1101 - Checksums.weightedSum(d, WEIGHTS)) % 11;
        return check < 10 && check == d[10];
    }
}
