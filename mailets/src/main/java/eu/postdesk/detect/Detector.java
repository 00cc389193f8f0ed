package eu.postdesk.detect;

import java.util.List;

/** One family of sensitive data (cards, PESEL, provider secrets, ...): finds and validates its values. */
public interface Detector {
    /** Adds every validated finding in {@code text} to {@code into}. Runs in time linear in the text. */
    void detect(CharSequence text, List<Finding> into);
}
