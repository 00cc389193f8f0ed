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

    @Override
    default void detect(CharSequence text, List<Finding> into) {
        NumberTokens.scan(text, List.of(this), into);
    }
}
