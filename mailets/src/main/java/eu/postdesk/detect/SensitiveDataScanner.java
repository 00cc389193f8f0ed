package eu.postdesk.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a set of detectors over a text and returns their findings sorted by start, overlaps merged.
 *
 * <p>Minimal version written for the redaction mailet; replaced by the detectors branch on merge.
 */
public final class SensitiveDataScanner {
    private final List<Detector> detectors;

    public SensitiveDataScanner(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** All detector families. Replaced by the detectors branch on merge; here it detects nothing. */
    public static SensitiveDataScanner standard() {
        return new SensitiveDataScanner(List.of());
    }

    /** The findings in {@code text}, sorted by start and non-overlapping; never null. */
    public List<Finding> scan(CharSequence text) {
        List<Finding> found = new ArrayList<>();
        for (Detector detector : detectors) {
            detector.detect(text, found);
        }
        found.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::length).reversed()));
        List<Finding> merged = new ArrayList<>(found.size());
        for (Finding finding : found) {
            Finding last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && finding.start() < last.end()) {
                // Overlapping spans become one so that every sensitive character stays covered.
                if (finding.end() > last.end()) {
                    merged.set(merged.size() - 1, new Finding(last.kind(), last.start(), finding.end()));
                }
            } else {
                merged.add(finding);
            }
        }
        return merged;
    }
}
