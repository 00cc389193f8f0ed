package eu.postdesk.detect;

import java.util.List;

/**
 * Finnish henkilötunnus, DDMMYYCZZZQ: a valid date whose century is the sign C ({@code +} 1800s;
 * {@code -}, Y, X, W, V, U 1900s; A, B, C, D, E, F 2000s, the letters added in 2023), an individual
 * number 002-999 and the check character, DDMMYYZZZ mod 31 in "0123456789ABCDEFHJKLMNPRSTUVWXY".
 * Kind {@code HENKILOTUNNUS}.
 */
public final class HenkilotunnusDetector implements NumberDetector {
    static final String CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(6);
    }

    @Override
    public int minDigits() {
        return 9;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        String text = token.text();
        for (int g = 0; g + 1 < token.groups(); g++) {
            if (token.size(g) != 6) {
                continue;
            }
            int century = century(token.separator(g + 1));
            int next = token.size(g + 1);
            if (century < 0 || (next != 3 && next != 4) || !(g == 0 ? token.openLeft()
                    : NumberToken.isSpace(token.separator(g)))) {
                continue;
            }
            int end;
            char check;
            if (next == 4) {
                end = token.end(g + 1);
                check = text.charAt(end - 1);
                boolean cleanEnd = g + 1 == token.groups() - 1 ? token.openRight()
                        : NumberToken.isSpace(token.separator(g + 2));
                if (!cleanEnd) {
                    continue;
                }
            } else {
                end = token.end(g + 1) + 1;
                if (g + 1 != token.groups() - 1 || end > text.length() || !token.openAfter(end)) {
                    continue;
                }
                check = text.charAt(end - 1);
            }
            int[] d = token.digits(g, g + 1);
            if (isValid(d, century, check)) {
                into.add(new Finding("HENKILOTUNNUS", token.start(g), end));
            }
        }
    }

    static int century(char sign) {
        return switch (sign) {
            case '+' -> 1800;
            case '-', 'Y', 'X', 'W', 'V', 'U' -> 1900;
            case 'A', 'B', 'C', 'D', 'E', 'F' -> 2000;
            default -> -1;
        };
    }

    /** {@code d} holds at least the nine digits DDMMYYZZZ. */
    static boolean isValid(int[] d, int century, char check) {
        if (!Checksums.isDate(century + d[4] * 10 + d[5], d[2] * 10 + d[3], d[0] * 10 + d[1])) {
            return false;
        }
        int individual = Checksums.number(d, 6, 9);
        if (individual < 2) {
            return false;
        }
        int number = Checksums.number(d, 0, 9);
        return CHECK_CHARACTERS.charAt(number % 31) == check;
    }
}
