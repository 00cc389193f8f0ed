package eu.postdesk.mailets.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A string field of the base64-encoded JSON some ESPs put in their click links: Customer.io writes
 * {@code {"href":"https://..."}}, Mandrill a JSON document nested as a string in another one. Bounded
 * and lenient: anything it cannot read gives {@code null}, and the link is then neutralised.
 */
final class Base64Json {
    /** Real tokens are a few hundred characters; a longer one is not worth decoding. */
    private static final int MAX_TOKEN = 8_192;
    /** How often a document may be nested as a string inside another (Mandrill: once). */
    private static final int MAX_NESTING = 3;

    private Base64Json() {
    }

    /** The string value of {@code field} in the base64 (standard or URL-safe) JSON {@code token}, or {@code null}. */
    static String field(String token, String field) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return null;
        }
        String json = decode(token);
        for (int level = 0; json != null && level <= MAX_NESTING; level++) {
            String value = stringValue(json, field);
            if (value != null) {
                return value;
            }
            json = unescaped(json);
        }
        return null;
    }

    private static String decode(String token) {
        String urlSafe = token.strip().replace('+', '-').replace('/', '_');
        int end = urlSafe.length();
        while (end > 0 && urlSafe.charAt(end - 1) == '=') {
            end--;
        }
        urlSafe = urlSafe.substring(0, end);
        if (urlSafe.length() % 4 == 1) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(urlSafe), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The value of {@code "field": "..."} with its escapes resolved, or {@code null} when absent. */
    private static String stringValue(String json, String field) {
        String key = "\"" + field + "\"";
        int at = json.indexOf(key);
        while (at >= 0) {
            int i = at + key.length();
            while (i < json.length() && json.charAt(i) == ' ') {
                i++;
            }
            if (i < json.length() && json.charAt(i) == ':') {
                i++;
                while (i < json.length() && json.charAt(i) == ' ') {
                    i++;
                }
                if (i < json.length() && json.charAt(i) == '"') {
                    return string(json, i + 1);
                }
            }
            at = json.indexOf(key, at + 1);
        }
        return null;
    }

    private static String string(String json, int from) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\' || i + 1 >= json.length()) {
                out.append(c);
                continue;
            }
            char escaped = json.charAt(++i);
            if (escaped == 'u' && i + 4 < json.length()) {
                try {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                out.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> escaped;
                });
            }
        }
        return null;
    }

    /** One level of string escaping undone, so that a document nested as a string can be searched. */
    private static String unescaped(String json) {
        if (json.indexOf('\\') < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                char next = json.charAt(i + 1);
                if (next == '"' || next == '\\' || next == '/') {
                    out.append(next);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
