package eu.postdesk.mailets.redaction;

import eu.postdesk.detect.Finding;
import eu.postdesk.detect.SensitiveDataScanner;

import java.util.List;

/**
 * How a finding is hidden from agents: asterisks of the value's length, optionally inside a label
 * naming the kind ({@code [PESEL ***********]}), and for cards optionally the last four digits.
 * The placeholder depends only on the kind and the value, so the same value always reads the same.
 */
final class Masking {
    static final String CARD = "CARD";

    private final SensitiveDataScanner scanner;
    private final boolean label;
    private final boolean cardLastFour;

    Masking(SensitiveDataScanner scanner, boolean label, boolean cardLastFour) {
        this.scanner = scanner;
        this.label = label;
        this.cardLastFour = cardLastFour;
    }

    /** Masks every finding in {@code text} and tells {@code report} what was found where; returns the text unchanged when nothing is found. */
    String mask(String text, String location, RedactionReport report) {
        List<Finding> findings = scanner.scan(text);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length() + findings.size() * 8);
        int copied = 0;
        for (Finding finding : findings) {
            if (finding.start() < copied || finding.end() > text.length()) {
                continue; // a detector's bad span must not corrupt the text
            }
            String value = text.substring(finding.start(), finding.end());
            masked.append(text, copied, finding.start()).append(placeholder(finding.kind(), value));
            report.found(finding.kind(), value, location);
            copied = finding.end();
        }
        return masked.append(text, copied, text.length()).toString();
    }

    String placeholder(String kind, String value) {
        StringBuilder hidden = new StringBuilder(value.length());
        int keepFrom = CARD.equals(kind) && cardLastFour ? indexOfLastDigits(value, 4) : value.length();
        for (int i = 0; i < value.length(); i++) {
            hidden.append(i >= keepFrom ? value.charAt(i) : '*');
        }
        return label ? "[" + kind + " " + hidden + "]" : hidden.toString();
    }

    /** Where the last {@code count} digits begin, or the value's length when it has fewer digits. */
    private static int indexOfLastDigits(String value, int count) {
        int digits = 0;
        for (int i = value.length() - 1; i >= 0; i--) {
            if (Character.isDigit(value.charAt(i)) && ++digits == count) {
                return i;
            }
        }
        return value.length();
    }
}
