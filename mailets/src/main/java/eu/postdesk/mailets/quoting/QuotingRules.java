package eu.postdesk.mailets.quoting;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import eu.postdesk.mailets.RuleLines;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The recognised client styles, read once from {@code conf/quoting/} (classpath
 * {@code /postdesk-conf/quoting/}) and optionally an operator's folder holding files of the same
 * names. Immutable; a rule that does not parse fails with its file and line.
 */
final class QuotingRules {

    static final String ATTRIBUTION_LINES = "attribution-lines.txt";
    static final String SEPARATORS = "separators.txt";
    static final String HEADER_LABELS = "header-labels.txt";
    static final String MOBILE_SIGNATURES = "mobile-signatures.txt";
    static final String HTML = "html.txt";

    enum Label { FROM, SENT, TO, CC, SUBJECT }

    enum HtmlAction { QUOTE, CUT, SIGNATURE }

    record HtmlRule(HtmlAction action, String selector, Evaluator evaluator) {
    }

    /** All attribution rules as one expression. */
    final Pattern attributionLines;
    final Set<String> separators;
    final Map<String, Set<Label>> headerLabels;
    final List<String> mobileSignatures;
    final List<HtmlRule> htmlRules;

    private QuotingRules(Pattern attributionLines, Set<String> separators, Map<String, Set<Label>> headerLabels,
                         List<String> mobileSignatures, List<HtmlRule> htmlRules) {
        this.attributionLines = attributionLines;
        this.separators = Set.copyOf(separators);
        this.headerLabels = Map.copyOf(headerLabels);
        this.mobileSignatures = List.copyOf(mobileSignatures);
        this.htmlRules = List.copyOf(htmlRules);
    }

    /**
     * Loads the defaults and, when {@code operatorFolder} is not null, the files of the same names
     * found in it.
     *
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException naming file and line when a rule does not parse
     */
    static QuotingRules load(Path operatorFolder) throws IOException {
        List<String> attributions = new ArrayList<>();
        for (RuleLines.Line line : lines(ATTRIBUTION_LINES, operatorFolder)) {
            String expression = line.text().toLowerCase(Locale.ROOT);
            try {
                Pattern.compile(expression, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(line.where() + ": not a valid RE2 expression: " + e.getDescription(), e);
            }
            attributions.add("(?:" + expression + ")");
        }
        // One alternation is one pass of RE2's automaton over a line instead of one pass per rule.
        Pattern attribution = Pattern.compile(String.join("|", attributions), Pattern.CASE_INSENSITIVE);
        Set<String> separators = new HashSet<>();
        for (RuleLines.Line line : lines(SEPARATORS, operatorFolder)) {
            separators.add(line.text().toLowerCase(Locale.ROOT));
        }
        Map<String, Set<Label>> labels = new HashMap<>();
        for (RuleLines.Line line : lines(HEADER_LABELS, operatorFolder)) {
            int colon = line.text().indexOf(':');
            Label kind = colon < 0 ? null : label(line.text().substring(0, colon).strip());
            if (kind == null) {
                throw new IllegalArgumentException(line.where()
                        + ": expected '<from|sent|to|cc|subject>: Label, Label, ...'");
            }
            for (String name : line.text().substring(colon + 1).split(",")) {
                if (!name.isBlank()) {
                    labels.computeIfAbsent(name.strip().toLowerCase(Locale.ROOT), k -> EnumSet.noneOf(Label.class)).add(kind);
                }
            }
        }
        List<String> mobile = new ArrayList<>();
        for (RuleLines.Line line : lines(MOBILE_SIGNATURES, operatorFolder)) {
            mobile.add(line.text().toLowerCase(Locale.ROOT));
        }
        List<HtmlRule> html = new ArrayList<>();
        for (RuleLines.Line line : lines(HTML, operatorFolder)) {
            html.add(htmlRule(line));
        }
        return new QuotingRules(attribution, separators, labels, mobile, html);
    }

    private static HtmlRule htmlRule(RuleLines.Line line) {
        String[] parts = line.text().split("\\s+", 2);
        HtmlAction action;
        try {
            action = HtmlAction.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(line.where() + ": action must be quote, cut or signature, got '"
                    + parts[0] + "'", e);
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            throw new IllegalArgumentException(line.where() + ": a CSS selector must follow '" + parts[0] + "'");
        }
        try {
            return new HtmlRule(action, parts[1].strip(), QueryParser.parse(parts[1].strip()));
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException(line.where() + ": not a valid CSS selector: " + e.getMessage(), e);
        }
    }

    private static Label label(String kind) {
        try {
            return Label.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<RuleLines.Line> lines(String file, Path operatorFolder) throws IOException {
        List<RuleLines.Line> lines = new ArrayList<>(RuleLines.fromClasspath("quoting/" + file));
        if (operatorFolder != null) {
            Path extra = operatorFolder.resolve(file);
            if (Files.isRegularFile(extra)) {
                lines.addAll(RuleLines.fromFile(extra));
            }
        }
        return lines;
    }
}
