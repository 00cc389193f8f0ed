package eu.postdesk.detect.rules;

import com.google.re2j.Matcher;
import eu.postdesk.detect.Detector;
import eu.postdesk.detect.Finding;
import eu.postdesk.detect.MarkedDetector;
import eu.postdesk.detect.Placeholders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds the secrets that gitleaks-format rules describe. One {@link KeywordPrefilter} pass tells
 * which rules have a keyword in the text and where; each such rule's regex then runs only over the
 * keyword's line and the next (a rule whose regex asks for line breaks or {@code [\s\S]}: a few KB
 * on), widened to the whole text when a match touches a window edge that is not a line break. So a
 * text without keywords costs one automaton pass, and one with keywords a regex run over a few lines
 * per keyword (RE2/J runs at tens of MB/s, so where it runs matters more than the prefilter). A
 * match becomes a finding of kind {@code rule.id()} over its secret group when the secret passes the
 * entropy threshold, no allowlist (the rule's or a global one) allows it, and it is not a
 * placeholder ({@link Placeholders}). Thread-safe.
 */
public final class RuleSecretDetector implements Detector {
    private static final int TO_LINE_BREAK = 1024;
    private static final int MULTILINE_AFTER = 4096;
    private static final int MAX_LINE = 8192;

    private final SecretRules rules;
    private final List<SecretRule> textRules;
    private final boolean[] multiline;
    private final KeywordPrefilter prefilter;
    // Fixed strings other detectors look for (marking), walked for in the same automaton.
    private final List<String> marks;

    public RuleSecretDetector(SecretRules rules) {
        this(rules, List.of());
    }

    private RuleSecretDetector(SecretRules rules, List<String> marks) {
        this.marks = List.copyOf(marks);
        this.rules = rules;
        this.textRules = rules.rules().stream().filter(SecretRule::matchesText).toList();
        this.multiline = new boolean[textRules.size()];
        for (int r = 0; r < multiline.length; r++) {
            multiline[r] = spansLines(textRules.get(r).regex().pattern());
        }
        List<List<String>> keywords = new ArrayList<>(textRules.stream().map(SecretRule::keywords).toList());
        for (String mark : this.marks) {
            keywords.add(List.of(mark.toLowerCase(Locale.ROOT)));
        }
        this.prefilter = new KeywordPrefilter(keywords);
    }

    /**
     * The same rules, its keyword walk also finding where {@code marks} (fixed strings, matched
     * exactly) start, for {@link #detectMarking}: detectors that look for one fixed string then need
     * no pass over the text of their own.
     */
    public RuleSecretDetector marking(List<String> marks) {
        return new RuleSecretDetector(rules, marks);
    }

    /**
     * As {@link #detect(String, char[], List)}, and returns for each of the {@link #marking marks}
     * where it starts in the text (exactly, in this case), ascending: each the answers of
     * {@code text.indexOf(mark, from)}.
     */
    public int[][] detectMarking(String text, char[] chars, List<Finding> into) {
        int[][] found = new int[marks.size()][];
        if (text.isEmpty() || textRules.isEmpty()) {
            for (int m = 0; m < found.length; m++) {
                found[m] = MarkedDetector.starts(text, marks.get(m));
            }
            detect(text, chars, into);
            return found;
        }
        KeywordPrefilter.Hits hits = prefilter.scan(chars);
        for (int m = 0; m < found.length; m++) {
            String mark = marks.get(m);
            int rule = textRules.size() + m;
            int[] exact = new int[hits.count(rule)];
            int count = 0;
            for (int k = 0; k < exact.length; k++) {
                int start = hits.start(rule, k);
                // The walk reads letters in either case; the mark is matched as written.
                if (text.startsWith(mark, start)) {
                    exact[count++] = start;
                }
            }
            found[m] = Arrays.copyOf(exact, count);
        }
        detect(text, hits, into);
        return found;
    }

    /**
     * Whether a regex may match across lines: it names a line break ({@code \\n}, {@code \\r}), turns on
     * {@code (?s)}, or repeats whitespace ({@code \\s}, {@code \\S} in a class) or a negated class more
     * than three times ({@code [\\s\\S-]{64,}}, {@code \\s*}, {@code "[^"]+"}). A short {@code [\\s'"]{0,3}}
     * between a label and its value does not count: the window holds the next line anyway.
     */
    static boolean spansLines(String regex) {
        if (regex.contains("\\n") || regex.contains("\\r") || regex.contains("(?s")) {
            return true;
        }
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char escaped = regex.charAt(i + 1);
                if ((escaped == 's' || escaped == 'S') && repeatsLong(regex, i + 2)) {
                    return true;
                }
                i++;
            } else if (c == '[') {
                int close = classEnd(regex, i);
                String members = regex.substring(i, close);
                boolean wide = members.startsWith("[^") || members.contains("\\s") || members.contains("\\S");
                if (wide && repeatsLong(regex, close)) {
                    return true;
                }
                i = close - 1;
            }
        }
        return false;
    }

    /** The index after the {@code ]} that closes the class opened at {@code open}. */
    private static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[' && regex.startsWith("[:", i)) {
                int posix = regex.indexOf(":]", i + 2);
                i = posix < 0 ? i + 1 : posix + 2;
                continue;
            }
            if (c == ']') {
                return i + 1;
            }
            i++;
        }
        return regex.length();
    }

    /** Whether the quantifier at {@code at} allows more than eight repetitions. */
    private static boolean repeatsLong(String regex, int at) {
        if (at >= regex.length()) {
            return false;
        }
        char q = regex.charAt(at);
        if (q == '*' || q == '+') {
            return true;
        }
        if (q != '{') {
            return false;
        }
        int close = regex.indexOf('}', at);
        if (close < 0) {
            return false;
        }
        String[] bounds = regex.substring(at + 1, close).split(",", -1);
        try {
            if (bounds.length == 1) {
                return Integer.parseInt(bounds[0].strip()) > 8;
            }
            return bounds[1].isBlank() || Integer.parseInt(bounds[1].strip()) > 8;
        } catch (NumberFormatException notAQuantifier) {
            return false;
        }
    }

    /** The rules that can match text (path-only rules left out). */
    public List<SecretRule> textRules() {
        return textRules;
    }

    @Override
    public void detect(CharSequence chars, List<Finding> into) {
        String text = chars.toString();
        detect(text, text.toCharArray(), into);
    }

    @Override
    public void detect(String text, char[] chars, List<Finding> into) {
        if (text.isEmpty() || textRules.isEmpty()) {
            return;
        }
        detect(text, prefilter.scan(chars), into);
    }

    private void detect(String text, KeywordPrefilter.Hits hits, List<Finding> into) {
        List<Finding> found = new ArrayList<>();
        for (int r = 0; r < textRules.size(); r++) {
            SecretRule rule = textRules.get(r);
            if (rule.keywords().isEmpty()) {
                search(rule, text, 0, text.length(), found);
            } else if (hits.any(r)) {
                searchAroundKeywords(rule, multiline[r], text, hits, r, found);
            }
        }
        into.addAll(found);
    }

    private void searchAroundKeywords(SecretRule rule, boolean spansLines, String text, KeywordPrefilter.Hits hits, int r,
                                      List<Finding> into) {
        List<Finding> found = new ArrayList<>();
        boolean cut = false;
        int windowStart = -1;
        int windowEnd = -1;
        for (int k = 0; k < hits.count(r); k++) {
            int keyword = hits.start(r, k);
            int start = lineStartBefore(text, keyword);
            int lineEnd = lineEndAfter(text, spansLines ? Math.min(text.length(), keyword + MULTILINE_AFTER) : keyword);
            // The next line too: a value may follow its label on the line below.
            int end = lineEnd < text.length() ? lineEndAfter(text, lineEnd + 1) : lineEnd;
            if (windowEnd >= 0 && start <= windowEnd) {
                windowEnd = Math.max(windowEnd, end);
                continue;
            }
            if (windowEnd >= 0) {
                cut |= search(rule, text, windowStart, windowEnd, found);
            }
            windowStart = start;
            windowEnd = end;
        }
        cut |= search(rule, text, windowStart, windowEnd, found);
        if (cut) {
            // A match reached a window edge in the middle of a line: the window may have cut it short.
            found.clear();
            search(rule, text, 0, text.length(), found);
        }
        into.addAll(found);
    }

    /** Adds the rule's findings in {@code text[from, to)}; true when a match touched an edge inside a line. */
    private boolean search(SecretRule rule, String text, int from, int to, List<Finding> into) {
        String window = from == 0 && to == text.length() ? text : text.substring(from, to);
        Matcher matcher = rule.regex().matcher(window);
        boolean cut = false;
        int at = 0;
        while (at <= window.length() && matcher.find(at)) {
            int matchStart = matcher.start();
            int matchEnd = matcher.end();
            at = matchEnd > matchStart ? matchEnd : matchEnd + 1;
            if (matchStart == 0 && from > 0 && text.charAt(from - 1) != '\n'
                    || matchEnd == window.length() && to < text.length() && text.charAt(to) != '\n') {
                cut = true;
            }
            int group = secretGroup(rule, matcher);
            int secretStart = group == 0 ? matchStart : matcher.start(group);
            int secretEnd = group == 0 ? matchEnd : matcher.end(group);
            if (secretStart < 0 || secretEnd <= secretStart) {
                continue;
            }
            if (isSecret(rule, text, from + matchStart, from + matchEnd, from + secretStart, from + secretEnd)) {
                into.add(new Finding(rule.id(), from + secretStart, from + secretEnd));
            }
        }
        return cut;
    }

    /** gitleaks: {@code secretGroup} if set, else the first capture group that matched something, else the match. */
    private static int secretGroup(SecretRule rule, Matcher matcher) {
        if (rule.secretGroup() > 0) {
            return rule.secretGroup();
        }
        for (int g = 1; g <= matcher.groupCount(); g++) {
            if (matcher.start(g) >= 0 && matcher.end(g) > matcher.start(g)) {
                return g;
            }
        }
        return 0;
    }

    private boolean isSecret(SecretRule rule, String text, int matchStart, int matchEnd, int secretStart, int secretEnd) {
        String secret = text.substring(secretStart, secretEnd);
        if (rule.entropy() > 0 && Entropy.shannon(secret) <= rule.entropy()) {
            return false;
        }
        // As gitleaks: a generic rule's secret must hold a digit, or every English word after "key=" would do.
        if (rule.id().startsWith("generic") && secret.chars().noneMatch(Character::isDigit)) {
            return false;
        }
        if (Placeholders.isPlaceholder(secret, prefixLength(rule, secret))) {
            return false;
        }
        if (rule.allowlists().isEmpty() && rules.globalAllowlists().isEmpty()) {
            return true;
        }
        String match = null;
        String line = null;
        for (List<Allowlist> lists : List.of(rule.allowlists(), rules.globalAllowlists())) {
            for (Allowlist allowlist : lists) {
                if (lists != rule.allowlists() && !allowlist.appliesTo(rule.id())) {
                    continue;
                }
                // The match and its line are cut out only for an allowlist that looks at them.
                if (match == null && allowlist.target() != Allowlist.Target.SECRET && !allowlist.regexes().isEmpty()) {
                    match = text.substring(matchStart, matchEnd);
                    line = line(text, matchStart, matchEnd);
                }
                if (allowlist.allows(secret, match, line)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The longest keyword the secret starts with (its provider prefix), so that only the rest is judged a filler. */
    private static int prefixLength(SecretRule rule, String secret) {
        int longest = 0;
        for (String keyword : rule.keywords()) {
            if (keyword.length() > longest && secret.regionMatches(true, 0, keyword, 0, keyword.length())) {
                longest = keyword.length();
            }
        }
        return longest;
    }

    private static String line(String text, int start, int end) {
        int from = start;
        int floor = Math.max(0, start - MAX_LINE);
        while (from > floor && text.charAt(from - 1) != '\n') {
            from--;
        }
        int to = end;
        int ceiling = Math.min(text.length(), end + MAX_LINE);
        while (to < ceiling && text.charAt(to) != '\n') {
            to++;
        }
        return text.substring(from, to);
    }

    private static int lineStartBefore(String text, int at) {
        int floor = Math.max(0, at - TO_LINE_BREAK);
        for (int i = at; i > floor; i--) {
            if (text.charAt(i - 1) == '\n') {
                return i;
            }
        }
        return floor;
    }

    private static int lineEndAfter(String text, int at) {
        int ceiling = Math.min(text.length(), at + TO_LINE_BREAK);
        for (int i = at; i < ceiling; i++) {
            if (text.charAt(i) == '\n') {
                return i;
            }
        }
        return ceiling;
    }
}
