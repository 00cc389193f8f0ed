package eu.postdesk.detect;

import java.util.List;

/**
 * Danish CPR number, DDMMYY-SSSS or the same ten digits without the dash: a valid date whose
 * century follows from the seventh digit and the year. Since 2007 numbers may fail the modulus-11
 * test, so a number with a valid date counts when it passes modulus 11 or follows the word "CPR"
 * (or "personnummer", as Danes also call it); ten solid digits starting with 0 always need the word.
 * Kind {@code CPR}.
 */
public final class CprDetector implements NumberDetector {
    private static final int[] WEIGHTS = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
    private static final int KEYWORD_WINDOW = 32;

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(6, 10);
    }

    @Override
    public int minDigits() {
        return 10;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int from = 0; from < token.groups(); from++) {
            boolean dashed = from + 1 < token.groups() && token.size(from) == 6 && token.size(from + 1) == 4
                    && token.separator(from + 1) == '-';
            boolean solid = token.size(from) == 10;
            if (!dashed && !solid) {
                continue;
            }
            int to = dashed ? from + 1 : from;
            if (!token.standalone(from, to)) {
                continue;
            }
            int[] d = token.digits(from, to);
            if (!hasValidDate(d)) {
                continue;
            }
            // Ten solid digits starting with 0 are how Swedish phone numbers look (0701234569): a label is needed.
            boolean phoneShaped = solid && d[0] == 0;
            if ((!phoneShaped && passesModulus11(d)) || labelled(token, from, d)) {
                into.add(new Finding("CPR", token.start(from), token.end(to)));
            }
        }
    }

    /** After "CPR", or after "personnummer" unless the number reads as a valid Swedish one (Swedes say it too). */
    private static boolean labelled(NumberToken token, int from, int[] d) {
        String text = token.text();
        int start = token.start(from);
        return Checksums.precededBy(text, start, KEYWORD_WINDOW, "cpr")
                || (Checksums.precededBy(text, start, KEYWORD_WINDOW, "personnummer", "personnr")
                && !PersonnummerDetector.isValid(d));
    }

    static boolean hasValidDate(int[] d) {
        int yy = d[4] * 10 + d[5];
        int seventh = d[6];
        int century;
        if (seventh <= 3) {
            century = 1900;
        } else if (seventh == 4 || seventh == 9) {
            century = yy <= 36 ? 2000 : 1900;
        } else {
            century = yy <= 57 ? 2000 : 1800;
        }
        return Checksums.isDate(century + yy, d[2] * 10 + d[3], d[0] * 10 + d[1]);
    }

    static boolean passesModulus11(int[] d) {
        return Checksums.weightedSum(d, WEIGHTS) % 11 == 0;
    }
}
