package eu.postdesk.detect;

import java.util.List;

/**
 * Private key blocks: PEM ({@code RSA}, {@code EC}, {@code DSA}, {@code ENCRYPTED}, PKCS#8), OpenSSH
 * and PGP, from {@code -----BEGIN ... PRIVATE KEY...-----} to the matching {@code -----END} line, the
 * whole block. A block cut off without its end line runs to the last line of key material. Kind
 * {@code PRIVATE_KEY}.
 */
public final class PrivateKeyDetector implements MarkedDetector {
    private static final String BEGIN = "-----BEGIN ";
    private static final int MAX_HEADER = 64;
    private static final int MAX_BLOCK = 64 * 1024;

    @Override
    public String mark() {
        return BEGIN;
    }

    @Override
    public void detect(String text, int[] marks, List<Finding> into) {
        // Where each end line was last found (or -1: nowhere after the last search), so that many
        // begin lines without an end do not each search the rest of the text.
        java.util.Map<String, Integer> endLines = new java.util.HashMap<>();
        int from = 0;
        int k = 0;
        while (true) {
            k = MarkedDetector.next(marks, k, from);
            if (k == marks.length) {
                return;
            }
            int begin = marks[k];
            int labelStart = begin + BEGIN.length();
            int labelEnd = text.indexOf("-----", labelStart);
            if (labelEnd < 0) {
                return;
            }
            if (labelEnd - labelStart > MAX_HEADER || !text.substring(labelStart, labelEnd).contains("PRIVATE KEY")) {
                from = labelStart;
                continue;
            }
            String label = text.substring(labelStart, labelEnd);
            String endLine = "-----END " + label + "-----";
            int limit = Math.min(text.length(), begin + MAX_BLOCK);
            Integer known = endLines.get(endLine);
            int end;
            if (known != null && (known < 0 || known >= labelEnd)) {
                end = known;
            } else {
                end = text.indexOf(endLine, labelEnd);
                endLines.put(endLine, end);
            }
            int blockEnd = end >= 0 && end < limit ? end + endLine.length() : lastKeyMaterial(text, labelEnd + 5, limit);
            into.add(new Finding("PRIVATE_KEY", begin, blockEnd));
            from = blockEnd;
        }
    }

    /** Where the key material of a block without an end line stops: the first blank or foreign line. */
    private static int lastKeyMaterial(String text, int from, int limit) {
        int end = from;
        int i = from;
        while (i < limit) {
            int lineEnd = text.indexOf('\n', i);
            if (lineEnd < 0 || lineEnd > limit) {
                lineEnd = limit;
            }
            String line = text.substring(i, lineEnd).strip();
            if (i > from && (line.isEmpty() || !isKeyLine(line))) {
                break;
            }
            end = lineEnd;
            i = lineEnd + 1;
        }
        return Math.max(end, from + 1);
    }

    private static boolean isKeyLine(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!(ProviderSecretDetector.isAlnum(c) || c == '+' || c == '/' || c == '=' || c == ':' || c == '-'
                    || c == ',' || c == ' ' || c == '>')) {
                return false;
            }
        }
        return true;
    }
}
