package eu.postdesk.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Credentials of HTTP {@code Authorization} values pasted into mail: {@code Basic} followed by
 * base64 that decodes to {@code user:password}, and {@code Bearer} followed by a token of at least
 * {@value #MIN_BEARER} characters. The span is the credential after the scheme. Kind {@code AUTH_HEADER}.
 */
public final class AuthorizationHeaderDetector implements Detector {
    private static final int MIN_BEARER = 16;
    private static final int MAX_TOKEN = 4096;
    private static final List<String> SCHEMES = List.of("Basic ", "basic ", "BASIC ", "Bearer ", "bearer ",
            "BEARER ");

    @Override
    public void detect(CharSequence chars, List<Finding> into) {
        String text = chars.toString();
        for (String scheme : SCHEMES) {
            boolean basic = scheme.charAt(1) == 'a' || scheme.charAt(1) == 'A';
            int from = 0;
            while (true) {
                int at = text.indexOf(scheme, from);
                if (at < 0) {
                    break;
                }
                from = at + scheme.length();
                if (at > 0 && ProviderSecretDetector.isAlnum(text.charAt(at - 1))) {
                    continue;
                }
                int start = from;
                while (start < text.length() && text.charAt(start) == ' ') {
                    start++;
                }
                int end = start;
                int limit = Math.min(text.length(), start + MAX_TOKEN);
                while (end < limit && isTokenChar(text.charAt(end))) {
                    end++;
                }
                if (end == start || (end < text.length() && ProviderSecretDetector.isAlnum(text.charAt(end)))) {
                    continue;
                }
                if (basic ? isBasicCredential(text.substring(start, end)) : end - start >= MIN_BEARER
                        && HighEntropySecretDetector.looksRandom(text, start, end)) {
                    into.add(new Finding("AUTH_HEADER", start, end));
                    from = end;
                }
            }
        }
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
