package eu.postdesk.detect;

/**
 * A number that people split as they like ({@code 36 574 261 809}, {@code 151086-95088}): groups of
 * at least two digits from one group on, joined by one kind of separator (space or dash), that add
 * up to an exact number of digits.
 */
final class GroupedDigits {
    private GroupedDigits() {
    }

    /** The last group of such a number starting at group {@code from}, or -1. */
    static int end(NumberToken token, int from, int digits) {
        int total = 0;
        char separator = 0;
        for (int g = from; g < token.groups(); g++) {
            if (token.size(g) < 2 && g > from) {
                return -1;
            }
            if (g > from) {
                char s = token.separator(g);
                char kind = NumberToken.isSpace(s) ? ' ' : s;
                if (kind != ' ' && kind != '-') {
                    return -1;
                }
                if (separator == 0) {
                    separator = kind;
                } else if (separator != kind) {
                    return -1;
                }
            }
            total += token.size(g);
            if (total == digits) {
                return g;
            }
            if (total > digits) {
                return -1;
            }
        }
        return -1;
    }
}
