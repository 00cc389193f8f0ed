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

    @Override
    default void detect(CharSequence text, List<Finding> into) {
        NumberTokens.scan(text, List.of(this), into);
    }
}
