package eu.postdesk.detect;

import java.util.List;

/**
 * A detector whose findings begin at the start of a word (a keyword, a provider prefix, an
 * {@code Authorization} scheme). {@link SensitiveDataScanner} runs all of them in one pass over the
 * text; each looks only where its two-character prefilter lets it.
 */
interface WordStartDetector extends Detector {

    /** Whether something this detector finds may start with these two characters (a cheap prefilter). */
    boolean mayStart(char first, char second);

    /**
     * Looks at the word starting at {@code start}; returns where this detector may look next (after
     * a finding, its end), at least {@code start + 1}.
     */
    int atWordStart(String text, int start, List<Finding> into);

    /** As {@link #atWordStart(String, int, List)} within one scan, which keeps the last keyword match in {@code lastKeyword}. */
    default int atWordStart(String text, int start, List<Finding> into, WordStarts.LastKeyword lastKeyword) {
        return atWordStart(text, start, into);
    }

    @Override
    default void detect(CharSequence text, List<Finding> into) {
        WordStarts.scan(text, List.of(this), into, new int[1], null);
    }
}
