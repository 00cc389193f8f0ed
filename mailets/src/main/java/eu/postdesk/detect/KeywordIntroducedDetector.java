package eu.postdesk.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Shared reading of "keyword, a few words, then {@code :}/{@code =} or a linking word, then the
 * value" for the detectors driven by {@link Keywords}. Every step is bounded (a few qualifier words,
 * a value of at most {@value #MAX_VALUE} characters), so a scan stays linear in the text.
 */
abstract class KeywordIntroducedDetector implements WordStartDetector {
    static final int MAX_VALUE = 256;
    private static final int MAX_QUALIFIER_WORDS = 4;
    private static final int MAX_QUALIFIER_CHARS = 40;
    private static final Set<String> PLACEHOLDERS = Set.of("n/a", "none", "null", "nil", "ingen", "brak", "keine",
            "nicht", "nav", "inget", "ninguno", "aucun", "hidden", "redacted", "<redacted>", "[redacted]", "unknown",
            "same", "see", "below", "above", "attached", "vedhæftet", "anbei", "siehe", "poniżej", "bifogat",
            "liitteenä", "pielikumā", "changed", "reset", "empty", "tom", "blank", "required", "your", "the", "new");

    /** The value a keyword introduced, with how it was introduced. */
    record Value(int start, int end, boolean linked, boolean digitsOnly, boolean endsAtSemicolon,
                 boolean afterCredentialWord) {
    }

    final Keywords keywords;
    final boolean[] asciiStarts = new boolean[128];

    KeywordIntroducedDetector(Keywords keywords) {
        this.keywords = keywords;
        for (char c = 0; c < 128; c++) {
            asciiStarts[c] = keywords.mayStart(c);
        }
    }

    /** Whether this detector acts on keywords of the group. */
    abstract boolean handles(Keywords.Group group);

    /** Reacts to a keyword; returns where the scan resumes. */
    abstract int onKeyword(String text, int keywordStart, int keywordEnd, Keywords.Group group, List<Finding> into);

    @Override
    public final boolean mayStart(char first, char second) {
        return (first < 128 ? asciiStarts[first] : keywords.mayStart(first)) && keywords.mayStart(first, second);
    }

    @Override
    public final int atWordStart(String text, int start, List<Finding> into) {
        return atKeyword(text, start, keywords.match(text, start), into);
    }

    @Override
    public final int atWordStart(String text, int start, List<Finding> into, WordStarts.LastKeyword lastKeyword) {
        return atKeyword(text, start, lastKeyword.match(keywords, text, start), into);
    }

    private int atKeyword(String text, int start, long match, List<Finding> into) {
        if (match < 0) {
            return start + 1;
        }
        Keywords.Group group = Keywords.matchGroup(match);
        int end = Keywords.matchEnd(match);
        return handles(group) ? onKeyword(text, start, end, group, into) : end;
    }

    /**
     * Reads what follows a keyword ending at {@code from}: up to a few qualifier words ("til
     * zip-filen", "_ACCESS_KEY", "-ID"), then {@code :} or {@code =} and the value, or a linking word
     * and the value; with {@code digitsAllowed}, also a bare number right after the qualifiers.
     */
    Value valueAfter(String text, int from, int minDigits, int maxDigits) {
        int n = text.length();
        int i = from;
        boolean credentialWord = false;
        for (int words = 0; words <= MAX_QUALIFIER_WORDS; words++) {
            i = skipBlanks(text, i);
            while (i < n && (text.charAt(i) == '-' || text.charAt(i) == '_')) {
                i++;
            }
            if (i >= n || i - from > MAX_QUALIFIER_CHARS) {
                return null;
            }
            char c = text.charAt(i);
            if (c == ':' && text.startsWith("//", i + 1)) {
                // "password here https://...": the colon of a URL scheme, not of a label.
                return null;
            }
            if (c == ':' || c == '=') {
                boolean equals = c == '=';
                i++;
                if (i < n && (text.charAt(i) == '=' || text.charAt(i) == ':' || text.charAt(i) == '>')) {
                    i++;
                }
                return readValue(text, i, false, equals, credentialWord, minDigits, maxDigits);
            }
            if (isDigit(c) && maxDigits > 0) {
                Value number = readDigits(text, i, minDigits, maxDigits, credentialWord);
                if (number != null) {
                    return number;
                }
            }
            if (Character.isLetter(c)) {
                long link = keywords.matchLink(text, i);
                if (link >= 0) {
                    int end = Keywords.matchEnd(link);
                    if (end < n && isBlank(text.charAt(end))) {
                        Value linked = readValue(text, skipBlanks(text, end), true, false, credentialWord, minDigits,
                                maxDigits);
                        if (linked != null) {
                            return linked;
                        }
                    }
                }
                long match = keywords.match(text, i);
                if (match >= 0) {
                    Keywords.Group group = Keywords.matchGroup(match);
                    credentialWord |= group == Keywords.Group.PASSWORD || group == Keywords.Group.PIN
                            || group == Keywords.Group.REMOTE;
                }
            }
            // A qualifier is a word ("til zip-filen", "_ACCESS_KEY"); a number ends the search, so
            // that "password reset at 10:30am" does not read "30am" as the value.
            if (!Character.isLetter(c) && c != '(') {
                return null;
            }
            while (i < n && isQualifierChar(text.charAt(i))) {
                i++;
            }
        }
        return null;
    }

    private Value readDigits(String text, int i, int minDigits, int maxDigits, boolean credentialWord) {
        int n = text.length();
        int digits = 0;
        int end = i;
        int j = i;
        while (j < n && digits <= maxDigits) {
            char c = text.charAt(j);
            if (isDigit(c)) {
                digits++;
                j++;
                end = j;
            } else if ((c == ' ' || c == '\u00a0' || c == '-') && j + 1 < n && isDigit(text.charAt(j + 1)) && maxDigits > 6) {
                j++;
            } else {
                break;
            }
        }
        if (digits < minDigits || digits > maxDigits || (end < n && isWordChar(text.charAt(end)))) {
            return null;
        }
        return new Value(i, end, false, true, false, credentialWord);
    }

    private Value readValue(String text, int i, boolean linked, boolean equals, boolean credentialWord,
                            int minDigits, int maxDigits) {
        int n = text.length();
        i = skipBlanks(text, i);
        if (!linked && i < n && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
            i += text.startsWith("\r\n", i) ? 2 : 1;
            i = skipBlanks(text, i);
        }
        if (i >= n) {
            return null;
        }
        if (maxDigits > 0 && isDigit(text.charAt(i))) {
            Value number = readDigits(text, i, minDigits, maxDigits, credentialWord);
            if (number != null) {
                return new Value(number.start(), number.end(), linked, true, false, credentialWord);
            }
        }
        int start = i;
        int end;
        char closer = closerOf(text.charAt(i));
        if (closer != 0) {
            int close = -1;
            for (int j = i + 1; j < n && j - i <= MAX_VALUE; j++) {
                char c = text.charAt(j);
                if (c == closer) {
                    close = j;
                    break;
                }
                if (c == '\n' || c == '\r') {
                    break;
                }
            }
            if (close < 0 || close == i + 1) {
                return null;
            }
            start = i + 1;
            end = close;
        } else {
            int j = i;
            while (j < n && j - i < MAX_VALUE) {
                char c = text.charAt(j);
                if (Character.isWhitespace(c) || c == '\u00a0' || (equals && c == ';') || c == '<') {
                    break;
                }
                j++;
            }
            end = trimTrailing(text, start, j);
        }
        if (end <= start) {
            return null;
        }
        boolean semicolon = equals && end < n && text.charAt(end) == ';';
        boolean digitsOnly = true;
        for (int k = start; k < end; k++) {
            digitsOnly &= isDigit(text.charAt(k));
        }
        if (isPlaceholder(text, start, end) || text.startsWith("http://", start) || text.startsWith("https://", start)) {
            return null;
        }
        return new Value(start, end, linked, digitsOnly, semicolon, credentialWord);
    }

    private static int trimTrailing(String text, int start, int end) {
        while (end > start) {
            char c = text.charAt(end - 1);
            if (c == ',' || c == ';' || c == '"' || c == '\'' || c == '”' || c == '»') {
                end--;
            } else if ((c == ')' || c == ']' || c == '>') && text.lastIndexOf(c == ')' ? '(' : c == ']' ? '[' : '<', end - 1) < start) {
                end--;
            } else if (c == '.' && end - start > 1 && Character.isLetterOrDigit(text.charAt(end - 2))) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static boolean isPlaceholder(String text, int start, int end) {
        boolean onlyMasks = true;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            onlyMasks &= c == '*' || c == '•' || c == '●' || c == 'x' || c == 'X' || c == '.' || c == '-'
                    || c == '_' || c == '#' || c == '?';
        }
        return onlyMasks || (end - start <= 12
                && PLACEHOLDERS.contains(text.substring(start, end).toLowerCase(Locale.ROOT)));
    }

    /** Whether a value after "keyword:" reads like the next words of a sentence rather than a password. */
    static boolean continuesSentence(String text, Value value) {
        for (int k = value.start(); k < value.end(); k++) {
            if (!Character.isLowerCase(text.charAt(k))) {
                return false;
            }
        }
        int after = value.end();
        return after + 1 < text.length() && text.charAt(after) == ' ' && Character.isLetter(text.charAt(after + 1));
    }

    /** Whether a value after a linking word ("is", "er") looks chosen rather than being an ordinary word. */
    static boolean looksChosen(String text, Value value) {
        if (value.end() - value.start() < 4) {
            return false;
        }
        for (int k = value.start(); k < value.end(); k++) {
            char c = text.charAt(k);
            if (!Character.isLetter(c) || (k > value.start() && Character.isUpperCase(c))) {
                return true;
            }
        }
        return false;
    }

    private static char closerOf(char c) {
        return switch (c) {
            case '"' -> '"';
            case '\'' -> '\'';
            case '`' -> '`';
            case '„', '“' -> '”';
            case '«' -> '»';
            default -> 0;
        };
    }

    static int skipBlanks(String text, int i) {
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
    }

    private static boolean isQualifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '(' || c == ')' || c == '/';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return Character.isLetterOrDigit(c);
    }
}
