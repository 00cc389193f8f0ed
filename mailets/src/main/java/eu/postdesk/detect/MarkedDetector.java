package eu.postdesk.detect;

import java.util.Arrays;
import java.util.List;

/**
 * A detector that starts from each place a fixed string occurs ({@code ://}, {@code -----BEGIN }).
 * The scanner finds those places in the walk it makes for the secret rules' keywords, so that such a
 * detector makes no pass over the text of its own.
 */
public interface MarkedDetector extends Detector {
    /** The fixed string, matched exactly (case and all). */
    String mark();

    /**
     * As {@link #detect(CharSequence, List)}, given {@code marks}: where {@link #mark()} starts in
     * {@code text}, every place, ascending (what {@code text.indexOf(mark(), from)} answers).
     */
    void detect(String text, int[] marks, List<Finding> into);

    @Override
    default void detect(CharSequence text, List<Finding> into) {
        String string = text.toString();
        detect(string, starts(string, mark()), into);
    }

    /** Every place {@code mark} starts in {@code text}, ascending. */
    static int[] starts(String text, String mark) {
        int[] starts = new int[4];
        int count = 0;
        for (int at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = at;
        }
        return Arrays.copyOf(starts, count);
    }

    /** The first of {@code marks} at or after {@code from}, searching on from index {@code k}; its index, or {@code marks.length}. */
    static int next(int[] marks, int k, int from) {
        while (k < marks.length && marks[k] < from) {
            k++;
        }
        return k;
    }
}
