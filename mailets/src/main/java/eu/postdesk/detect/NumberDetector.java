package eu.postdesk.detect;

import java.util.List;

/**
 * A detector of number-shaped identifiers (cards, IBANs, national IDs). The text is cut into
 * {@link NumberToken}s once and every number detector inspects each token, so adding a country
 * does not add a pass over the text; {@link SensitiveDataScanner} groups them this way.
 */
public interface NumberDetector extends Detector {

    /** Adds the findings among the groups of one token. */
    void inspect(NumberToken token, List<Finding> into);

    /**
     * Whether this detector can find anything in a run of fewer than eight digits that follows a
     * letter (IBAN check digits after the country code, the digits of an ID card); the others never
     * see such runs.
     */
    default boolean readsShortRuns() {
        return false;
    }

    /**
     * The sizes of digit group that a finding of this detector starts with or holds, as a bit mask
     * (bit {@code s} for a group of {@code s} digits, bit 63 for 63 digits or more): a token without
     * any such group is not handed to this detector. All bits ({@code -1}, the default) when the
     * detector reads any token. Must be a necessary condition: a detector that could find something
     * in a token without such a group would lose that finding.
     */
    default long groupSizes() {
        return -1L;
    }

    /**
     * Below this many digits, the detector finds something only in a token that a country code
     * precedes (two ASCII letters glued to it, or two capitals and a space) and whose first group
     * has two digits or more (an IBAN's check digits); 0, the default: in any token. Must be a
     * necessary condition, like {@link #groupSizes()}.
     */
    default int countryCodeBelow() {
        return 0;
    }

    /** The fewest digits a token must hold for this detector to find anything in it (0, the default: any). */
    default int minDigits() {
        return 0;
    }

    /** The mask of {@link #groupSizes()} for these sizes. */
    static long sizes(int... sizes) {
        long mask = 0;
        for (int size : sizes) {
            mask |= 1L << Math.min(size, 63);
        }
        return mask;
    }

    @Override
    default void detect(CharSequence text, List<Finding> into) {
        NumberTokens.scan(text, List.of(this), into);
    }
}
