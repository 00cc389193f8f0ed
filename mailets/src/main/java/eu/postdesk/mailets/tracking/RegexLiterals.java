package eu.postdesk.mailets.tracking;

/**
 * Literal text a rule's path regex needs, read from the regex itself, so that a URL without it is ruled
 * out by {@code startsWith} or {@code indexOf} before the regex runs: most URLs match no rule, and many
 * rules apply to any host. Conservative: when in doubt it returns less (down to the empty string).
 */
final class RegexLiterals {
    private static final String OPERATORS = "\\^$.|?*+()[]{}";

    private RegexLiterals() {
    }

    /** The characters every match starts with ({@code /?qs=} of {@code /\?qs=[0-9a-f]{40,}}). */
    static String prefix(String regex) {
        if (undecidable(regex)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < regex.length()) {
            int next = literalEnd(regex, i);
            if (next < 0) {
                break;
            }
            if (isOptionalOrRepeated(regex, next)) {
                break;
            }
            out.append(regex.charAt(next - 1));
            i = next;
        }
        return out.toString();
    }

    /** The longest run of characters that every match contains somewhere (outside groups, classes and quantified parts). */
    static String required(String regex) {
        if (undecidable(regex)) {
            return "";
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < regex.length()) {
            int next = literalEnd(regex, i);
            if (next >= 0) {
                char quantifier = next < regex.length() ? regex.charAt(next) : 0;
                if (quantifier == '?' || quantifier == '*' || quantifier == '{') {
                    best = longer(best, run);
                    i = next;
                    continue;
                }
                run.append(regex.charAt(next - 1));
                if (quantifier == '+') {
                    best = longer(best, run);
                }
                i = next;
                continue;
            }
            best = longer(best, run);
            char c = regex.charAt(i);
            if (c == '[') {
                i = afterClass(regex, i);
            } else if (c == '(') {
                i = afterGroup(regex, i);
            } else if (c == '{') {
                // the digits of a repetition count are not text of the match
                int close = regex.indexOf('}', i);
                i = close < 0 ? regex.length() : close + 1;
            } else if (c == '\\') {
                i += 2;
            } else {
                i++;
            }
        }
        return longer(best, run);
    }

    /** Alternatives and flags such as {@code (?i)} change what a literal means; such regexes get no prefilter. */
    private static boolean undecidable(String regex) {
        return regex.indexOf('|') >= 0 || regex.contains("(?");
    }

    /** Where the literal character at {@code i} ends ({@code \?} is a literal ?), or -1 when {@code i} is an operator. */
    private static int literalEnd(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '\\') {
            return i + 1 < regex.length() && OPERATORS.indexOf(regex.charAt(i + 1)) >= 0 || i + 1 < regex.length()
                    && "/-_=:&;~%#@!,'\"<> ".indexOf(regex.charAt(i + 1)) >= 0 ? i + 2 : -1;
        }
        return OPERATORS.indexOf(c) < 0 ? i + 1 : -1;
    }

    private static boolean isOptionalOrRepeated(String regex, int at) {
        return at < regex.length() && "?*+{".indexOf(regex.charAt(at)) >= 0;
    }

    private static String longer(String best, StringBuilder run) {
        String candidate = run.toString();
        run.setLength(0);
        return candidate.length() > best.length() ? candidate : best;
    }

    private static int afterClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            i += regex.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int afterGroup(String regex, int open) {
        int depth = 0;
        int i = open;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = afterClass(regex, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return i;
    }
}
