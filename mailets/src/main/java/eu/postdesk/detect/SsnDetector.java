package eu.postdesk.detect;

import java.util.List;

/**
 * US Social Security number, AAA-GG-SSSS: area not 000, 666 or 900-999, group
 * not 00, serial not 0000. Spaced or bare nine digits count only after "SSN" or "social security", so that
 * phone numbers stay. Kind {@code SSN}.
 */
public final class SsnDetector implements NumberDetector {

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(3, 9);
    }

    @Override
    public int minDigits() {
        return 9;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        if (!token.openBothSides()) {
            return;
        }
        for (int from = 0; from < token.groups(); from++) {
            boolean shaped = from + 2 < token.groups() && token.size(from) == 3 && token.size(from + 1) == 2
                    && token.size(from + 2) == 4;
            boolean dashed = shaped && token.joinedBy(from, from + 2, '-');
            boolean spaced = shaped && !dashed && token.joinedBy(from, from + 2, ' ');
            boolean solid = token.size(from) == 9;
            if ((spaced || solid) && !Checksums.precededBy(token.text(), token.start(from), 32,
                    "ssn", "social security", "soc. sec", "soc sec", "ss#", "ss no", "ss-nr")) {
                continue;
            }
            boolean separated = dashed || spaced;
            if (!separated && !solid) {
                continue;
            }
            int to = separated ? from + 2 : from;
            if (token.standalone(from, to) && isValid(token.digits(from, to))) {
                into.add(new Finding("SSN", token.start(from), token.end(to)));
            }
        }
    }

    static boolean isValid(int[] d) {
        int area = Checksums.number(d, 0, 3);
        int group = Checksums.number(d, 3, 5);
        int serial = Checksums.number(d, 5, 9);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }
}
