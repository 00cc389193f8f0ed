package eu.postdesk.mailets.redaction;

import eu.postdesk.detect.Finding;
import eu.postdesk.detect.SensitiveDataScanner;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a finding is hidden from agents: a placeholder of fixed width that says nothing about the
 * value's length, {@code [#1 ********]}, optionally naming the kind ({@code [PESEL#1 ********]}),
 * and for cards optionally the last four digits ({@code [CARD#2 ****4529]}). The tag after
 * {@code #} is the same for the same value: numbered in order of appearance within one message,
 * or, with a server key, a keyed digest that is the same in every message ({@link PlaceholderTags}).
 */
final class Masking {
    static final String CARD = "CARD";
    static final String HIDDEN = "********";
    /** One of our own placeholders, as a forwarded or twice-redacted text may already hold. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Za-z0-9_-]{0,40}#[a-z0-9]{1,10} (?:\\*{8}|\\*{4}[0-9]{4})]");

    private final SensitiveDataScanner scanner;
    private final boolean label;
    private final boolean cardLastFour;
    private final PlaceholderTags tags;

    Masking(SensitiveDataScanner scanner, boolean label, boolean cardLastFour, PlaceholderTags tags) {
        this.scanner = scanner;
        this.label = label;
        this.cardLastFour = cardLastFour;
        this.tags = tags;
    }

    /** One finding of a text and what replaces it. */
    record Masked(int start, int end, String placeholder) {
    }

    /** Masks every finding in {@code text} and tells {@code report} what was found where; returns the text unchanged when nothing is found. */
    String mask(String text, String location, RedactionReport report) {
        List<Masked> found = find(text, location, report);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length() + found.size() * 8);
        int copied = 0;
        for (Masked finding : found) {
            masked.append(text, copied, finding.start()).append(finding.placeholder());
            copied = finding.end();
        }
        return masked.append(text, copied, text.length()).toString();
    }

    /** The findings of {@code text} with their placeholders, in order and never overlapping, each reported to {@code report}. */
    List<Masked> find(String text, String location, RedactionReport report) {
        List<Finding> findings = scanner.scan(text);
        if (findings.isEmpty()) {
            return List.of();
        }
        List<Masked> masked = new ArrayList<>(findings.size());
        int copied = 0;
        for (Finding finding : findings) {
            if (finding.start() < copied || finding.end() > text.length()) {
                continue; // a detector's bad span must not corrupt the text
            }
            if (isPlaceholder(text, finding)) {
                continue; // already masked: "Passwort: [#1 ********]" is not a password
            }
            String value = text.substring(finding.start(), finding.end());
            String same = SameValue.of(value);
            report.found(finding.kind(), same, location);
            masked.add(new Masked(finding.start(), finding.end(), placeholder(finding.kind(), value, same, report)));
            copied = finding.end();
        }
        return masked;
    }

    private static boolean isPlaceholder(String text, Finding finding) {
        if (text.charAt(finding.start()) != '[') {
            return false;
        }
        Matcher matcher = PLACEHOLDER.matcher(text).region(finding.start(), Math.min(text.length(), finding.start() + 64));
        return matcher.lookingAt() && matcher.end() >= finding.end();
    }

    private String placeholder(String kind, String value, String same, RedactionReport report) {
        String tag = tags.tag(same, report);
        String hidden = CARD.equals(kind) && cardLastFour ? lastFour(value) : HIDDEN;
        return "[" + (label ? kind : "") + "#" + tag + " " + hidden + "]";
    }

    /** Four asterisks and the last four digits, whatever the card's length. */
    private static String lastFour(String value) {
        StringBuilder digits = new StringBuilder(4);
        for (int i = value.length() - 1; i >= 0 && digits.length() < 4; i--) {
            if (Character.isDigit(value.charAt(i))) {
                digits.insert(0, value.charAt(i));
            }
        }
        return digits.length() < 4 ? HIDDEN : "****" + digits;
    }
}
