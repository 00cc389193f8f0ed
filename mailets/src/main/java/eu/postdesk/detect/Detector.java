package eu.postdesk.detect;

import java.util.List;

/** One family of sensitive data (cards, PESEL, provider secrets, ...): finds and validates its values. */
public interface Detector {
    /** Adds every validated finding in {@code text} to {@code into}. Runs in time linear in the text. */
    void detect(CharSequence text, List<Finding> into);

    /**
     * As {@link #detect(CharSequence, List)}, given also {@code chars}, the characters of
     * {@code text} (the scanner's one copy of them, shared by its passes: read it, never change it).
     * A detector that walks every character overrides this to read the array instead of the string.
     */
    default void detect(String text, char[] chars, List<Finding> into) {
        detect(text, into);
    }
}
