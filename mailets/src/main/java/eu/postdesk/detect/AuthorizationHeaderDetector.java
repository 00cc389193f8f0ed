package eu.postdesk.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Credentials of HTTP {@code Authorization} values pasted into mail: {@code Basic} followed by
 * base64 that decodes to {@code user:password}, and {@code Bearer} followed by a token of at least
 * {@value #MIN_BEARER} characters. The span is the credential after the scheme. Kind {@code AUTH_HEADER}.
 */
public final class AuthorizationHeaderDetector implements WordStartDetector {
    private static final int MIN_BEARER = 16;
    private static final int MAX_TOKEN = 4096;

    @Override
    public boolean mayStart(char first, char second) {
        return (first == 'B' || first == 'b') && (second == 'a' || second == 'A' || second == 'e' || second == 'E');
    }

    @Override
    public int atWordStart(String text, int i, List<Finding> into) {
        int n = text.length();
        boolean basic = text.regionMatches(true, i, "basic ", 0, 6);
        if (!basic && !text.regionMatches(true, i, "bearer ", 0, 7)) {
            return i + 1;
        }
        int start = i + (basic ? 6 : 7);
        while (start < n && text.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        int limit = Math.min(n, start + MAX_TOKEN);
        while (end < limit && isTokenChar(text.charAt(end))) {
            end++;
        }
        if (end == start || (end < n && ProviderSecretDetector.isAlnum(text.charAt(end)))) {
            return i + 1;
        }
        if (basic ? isBasicCredential(text.substring(start, end))
                : end - start >= MIN_BEARER && HighEntropySecretDetector.looksRandom(text, start, end)) {
            into.add(new Finding("AUTH_HEADER", start, end));
            return end;
        }
        return i + 1;
    }

    private static boolean isBasicCredential(String token) {
        if (token.length() < 8) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && colon < decoded.length() - 1 && decoded.chars().noneMatch(c -> c < 32);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean isTokenChar(char c) {
        return ProviderSecretDetector.isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+'
                || c == '/' || c == '=';
    }
}
