package eu.postdesk.mailets.quoting;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a message adds to a conversation: its text without the quoted history (earlier messages
 * below or between the answer) and without the sender's signature.
 *
 * <p>Recognised history: {@code >} quoting; attribution lines ("On … wrote:", "Am … schrieb …:",
 * "W dniu … napisał(a):", "Den … skrev …:", "… kirjoitti:", "… rakstīja:", "Le … a écrit :", "El …
 * escribió:", also wrapped over two lines); Outlook header blocks ("From: … Sent: … To: … Subject:"
 * and their translations); "-----Original Message-----" and forwarded-message separators and their
 * translations; in HTML also Gmail's {@code div.gmail_quote}, Outlook's {@code divRplyFwdMsg},
 * Apple Mail's and Thunderbird's {@code blockquote type=cite} with {@code moz-cite-prefix}.
 * Signatures: the RFC 3676 {@code "-- "} delimiter, mobile signatures ("Sent from my iPhone",
 * "Gesendet von meinem iPhone", "Get Outlook for iOS", ...) and the HTML signature blocks of Gmail,
 * Thunderbird and Outlook. The rules are data in {@code conf/quoting/}.
 *
 * <p>A forwarded message counts as history: the forwarder's own note is what the message adds.
 * When removing the signature would leave nothing, the signature stays: a message with text of
 * its own never yields an empty string; a message that is all history yields {@code ""}.
 *
 * <p>Every step is a linear scan or an RE2 match over a line of at most 400 characters, so time grows linearly with
 * the input; inputs longer than {@value #MAX_CHARS} characters are read up to that length.
 * Instances are immutable and thread-safe.
 */
public final class QuotedHistory {

    /** Longest input read; what lies beyond is never what a person typed above the history. */
    public static final int MAX_CHARS = 2_000_000;
    private static final int MAX_ATTRIBUTION_CHARS = 400;
    private static final int MAX_SIGNATURE_LINES = 20;
    private static final int HEADER_BLOCK_REACH = 8;
    private static final int MAX_MOBILE_SIGNATURE_CHARS = 80;
    private static final int MAX_MOBILE_SIGNATURE_LINES = 3;

    private final QuotingRules rules;

    private QuotedHistory(QuotingRules rules) {
        this.rules = rules;
    }

    /** The extractor with the jar's default rules ({@code /postdesk-conf/quoting/}). */
    public static QuotedHistory withDefaults() {
        return Defaults.INSTANCE;
    }

    /**
     * The extractor with the default rules plus an operator's folder holding files named like those
     * of {@code conf/quoting/} (each file is optional and adds to the defaults).
     *
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException naming file and line when a rule does not parse
     */
    public static QuotedHistory withOperatorRules(Path folder) throws IOException {
        return new QuotedHistory(QuotingRules.load(folder));
    }

    /** What a plain-text message adds: without quoted history and signature; {@code ""} when all is history. */
    public String newText(String plainText) {
        if (plainText == null || plainText.isBlank()) {
            return "";
        }
        String bounded = plainText.length() > MAX_CHARS ? plainText.substring(0, MAX_CHARS) : plainText;
        List<String> own = trimmed(withoutHistory(bounded.split("\r\n|\r|\n", -1)));
        if (own.isEmpty()) {
            return "";
        }
        List<String> unsigned = trimmed(withoutSignature(own));
        return join(unsigned.isEmpty() ? own : unsigned);
    }

    /** The same for an HTML message; returns plain text. */
    public String newTextFromHtml(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document document = Jsoup.parse(html.length() > MAX_CHARS ? html.substring(0, MAX_CHARS) : html);
        for (QuotingRules.HtmlRule rule : rules.htmlRules) {
            if (rule.action() == QuotingRules.HtmlAction.QUOTE) {
                document.select(rule.evaluator()).remove();
            }
        }
        for (QuotingRules.HtmlRule rule : rules.htmlRules) {
            if (rule.action() == QuotingRules.HtmlAction.CUT) {
                Element start = document.selectFirst(rule.evaluator());
                if (start != null) {
                    cutFrom(start, document.body());
                }
            }
        }
        String signed = newText(HtmlText.render(document.body()));
        if (signed.isEmpty()) {
            return "";
        }
        boolean hasSignature = false;
        for (QuotingRules.HtmlRule rule : rules.htmlRules) {
            if (rule.action() == QuotingRules.HtmlAction.SIGNATURE && !document.select(rule.evaluator()).isEmpty()) {
                document.select(rule.evaluator()).remove();
                hasSignature = true;
            }
        }
        if (!hasSignature) {
            return signed;
        }
        String unsigned = newText(HtmlText.render(document.body()));
        return unsigned.isEmpty() ? signed : unsigned;
    }

    /** Removes {@code start}, a rule just before it, and everything after it in document order. */
    private static void cutFrom(Element start, Element body) {
        Node previous = start.previousSibling();
        while (previous instanceof TextNode text && text.isBlank()) {
            previous = previous.previousSibling();
        }
        if (previous instanceof Element element && element.normalName().equals("hr")) {
            element.remove();
        }
        Node node = start;
        while (node != null && node != body && node.parent() != null) {
            while (node.nextSibling() != null) {
                node.nextSibling().remove();
            }
            node = node.parent();
        }
        start.remove();
    }

    /** The lines that are neither quoted nor below a separator, header block or attribution. */
    private List<String> withoutHistory(String[] lines) {
        List<String> own = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (isQuoted(line)) {
                continue;
            }
            if (isSeparator(line) || startsHeaderBlock(lines, i)) {
                break;
            }
            int attribution = attributionLength(lines, i);
            if (attribution > 0) {
                int next = nextNonBlank(lines, i + attribution);
                if (next < lines.length && isQuoted(lines[next])) {
                    // The quote is skipped line by line; an answer below it (bottom-posting) stays.
                    i += attribution - 1;
                    continue;
                }
                if (namesSenderAndTime(lines, i, attribution)) {
                    break;
                }
            }
            own.add(line);
        }
        return own;
    }

    /**
     * Whether an attribution that no quote follows still reads as one: clients write the sender's
     * address and the date; a sentence such as "On Monday the system wrote:" has neither.
     */
    private static boolean namesSenderAndTime(String[] lines, int i, int length) {
        String text = length == 1 ? lines[i] : lines[i] + " " + lines[i + 1];
        return text.indexOf('@') > 0 && text.chars().anyMatch(Character::isDigit);
    }

    private static boolean isQuoted(String line) {
        return line.stripLeading().startsWith(">");
    }

    private static int nextNonBlank(String[] lines, int from) {
        int i = from;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        return i;
    }

    private boolean isSeparator(String line) {
        String text = line.strip();
        if (text.length() < 4 || text.length() > 120) {
            return false;
        }
        boolean bordered = isBorder(text.charAt(0)) && isBorder(text.charAt(text.length() - 1));
        int start = 0;
        int end = text.length();
        while (start < end && (isBorder(text.charAt(start)) || text.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (isBorder(text.charAt(end - 1)) || text.charAt(end - 1) == ' ')) {
            end--;
        }
        String core = text.substring(start, end);
        boolean colon = core.endsWith(":");
        if (colon) {
            core = core.substring(0, core.length() - 1).strip();
        }
        return (bordered || colon) && rules.separators.contains(core.toLowerCase(Locale.ROOT));
    }

    private static boolean isBorder(char c) {
        return c == '-' || c == '_' || c == '=' || c == '*';
    }

    /** Whether lines[i] is the "From:" line of a header block followed by its "Sent:" and "To:"/"Subject:" lines. */
    private boolean startsHeaderBlock(String[] lines, int i) {
        if (!labelOf(lines[i]).contains(QuotingRules.Label.FROM)) {
            return false;
        }
        Set<QuotingRules.Label> seen = EnumSet.noneOf(QuotingRules.Label.class);
        for (int j = i + 1; j < lines.length && j <= i + HEADER_BLOCK_REACH; j++) {
            seen.addAll(labelOf(lines[j]));
        }
        return seen.contains(QuotingRules.Label.SENT)
                && (seen.contains(QuotingRules.Label.TO) || seen.contains(QuotingRules.Label.SUBJECT));
    }

    /** The kinds of header label a line starts with ("Von:", "*Sent:*"), empty when it starts with none. */
    private Set<QuotingRules.Label> labelOf(String line) {
        String text = line.strip();
        int colon = text.indexOf(':');
        if (colon <= 0 || colon > 40) {
            return Set.of();
        }
        String label = text.substring(0, colon).replace("*", "").strip().toLowerCase(Locale.ROOT);
        return rules.headerLabels.getOrDefault(label, Set.of());
    }

    /** 1 or 2 when an attribution line (possibly wrapped over two lines) starts at lines[i], else 0. */
    private int attributionLength(String[] lines, int i) {
        String first = lines[i].strip();
        if (first.isEmpty() || first.length() > MAX_ATTRIBUTION_CHARS) {
            return 0;
        }
        if (first.endsWith(":")) {
            // A line that ends like an attribution but is none is not the first half of a wrapped one.
            return isAttribution(first) ? 1 : 0;
        }
        if (i + 1 < lines.length && !isQuoted(lines[i + 1])) {
            String second = lines[i + 1].strip();
            if (second.endsWith(":") && !second.isEmpty() && first.length() + second.length() < MAX_ATTRIBUTION_CHARS
                    && isAttribution(first + " " + second)) {
                return 2;
            }
        }
        return 0;
    }

    private boolean isAttribution(String candidate) {
        return rules.attributionLines.matches(candidate.toLowerCase(Locale.ROOT));
    }

    /** Removes the RFC 3676 signature and trailing mobile signatures. */
    private List<String> withoutSignature(List<String> lines) {
        List<String> result = new ArrayList<>(lines);
        for (int i = result.size() - 1; i >= 0; i--) {
            String line = result.get(i);
            if (line.equals("-- ") || line.strip().equals("--")) {
                if (result.size() - i - 1 <= MAX_SIGNATURE_LINES) {
                    result.subList(i, result.size()).clear();
                }
                break;
            }
        }
        result = trimmed(result);
        // A few at most ("Get Outlook for iOS" under "Sent from my iPhone"); bounded against hostile repetition.
        for (int removed = 0; removed < MAX_MOBILE_SIGNATURE_LINES
                && !result.isEmpty() && isMobileSignature(result.get(result.size() - 1)); removed++) {
            result.remove(result.size() - 1);
            result = trimmed(result);
        }
        return result;
    }

    private boolean isMobileSignature(String line) {
        String text = line.strip().toLowerCase(Locale.ROOT);
        if (text.length() > MAX_MOBILE_SIGNATURE_CHARS) {
            return false;
        }
        for (String phrase : rules.mobileSignatures) {
            if (text.startsWith(phrase)) {
                return true;
            }
        }
        return false;
    }

    /** Without leading and trailing blank or border-only lines ("____", "-----"), and runs of blank lines made one. */
    private static List<String> trimmed(List<String> lines) {
        int start = 0;
        int end = lines.size();
        while (start < end && lines.get(start).isBlank()) {
            start++;
        }
        while (end > start && isBlankOrBorder(lines.get(end - 1))) {
            end--;
        }
        List<String> result = new ArrayList<>(end - start);
        boolean previousBlank = false;
        for (String line : lines.subList(start, end)) {
            boolean blank = line.isBlank();
            if (!(blank && previousBlank)) {
                result.add(blank ? "" : line.stripTrailing());
            }
            previousBlank = blank;
        }
        return result;
    }

    private static boolean isBlankOrBorder(String line) {
        String text = line.strip();
        if (text.isEmpty()) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isBorder(text.charAt(i))) {
                return false;
            }
        }
        return text.length() >= 2;
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines);
    }

    /** Loads the default rules once, on first use. */
    private static final class Defaults {
        private static final QuotedHistory INSTANCE = load();

        private static QuotedHistory load() {
            try {
                return new QuotedHistory(QuotingRules.load(null));
            } catch (IOException e) {
                throw new UncheckedIOException("The jar's quoting rules cannot be read", e);
            }
        }
    }
}
