package eu.postdesk.detect;

import java.util.ArrayList;
import java.util.List;

/** Test shorthand: what a detector or scanner found in a text, as "KIND value" strings. */
final class Found {
    private Found() {
    }

    static List<String> by(Detector detector, String text) {
        List<Finding> findings = new ArrayList<>();
        detector.detect(text, findings);
        return render(text, findings);
    }

    static List<String> by(SensitiveDataScanner scanner, String text) {
        return render(text, scanner.scan(text));
    }

    private static List<String> render(String text, List<Finding> findings) {
        List<String> rendered = new ArrayList<>();
        for (Finding finding : findings) {
            rendered.add(finding.kind() + " " + text.substring(finding.start(), finding.end()));
        }
        return rendered;
    }
}
