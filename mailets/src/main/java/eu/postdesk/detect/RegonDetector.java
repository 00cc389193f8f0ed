package eu.postdesk.detect;

import java.util.List;

/**
 * Polish REGON (business register number), 9 or 14 digits with the mod-11 check (a remainder of 10
 * counts as 0). Only after the word "REGON": one number in ten passes the check. Kind {@code REGON}.
 */
public final class RegonDetector implements NumberDetector {
    private static final int[] WEIGHTS_9 = {8, 9, 2, 3, 4, 5, 6, 7};
    private static final int[] WEIGHTS_14 = {2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8};

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int g = 0; g < token.groups(); g++) {
            int size = token.size(g);
            if ((size == 9 || size == 14) && token.standalone(g, g)
                    && Checksums.precededBy(token.text(), token.start(g), 24, "regon")
                    && isValid(token.digits(g, g))) {
                into.add(new Finding("REGON", token.start(g), token.end(g)));
            }
        }
    }

    static boolean isValid(int[] d) {
        int[] weights = d.length == 9 ? WEIGHTS_9 : WEIGHTS_14;
        return Checksums.weightedSum(d, weights) % 11 % 10 == d[d.length - 1];
    }
}
