package eu.postdesk.mailets.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One line of {@code wrappers.txt}: a redirector that carries its destination in its own URL, and how
 * to read it. Reading never fetches anything: following a tracking link registers the click.
 */
record ClickWrapper(String name, HostPattern where, String method, String argument) {

    static ClickWrapper of(String name, HostPattern where, String methodSpec) {
        int colon = methodSpec.indexOf(':');
        String method = colon < 0 ? methodSpec : methodSpec.substring(0, colon);
        String argument = colon < 0 ? "" : methodSpec.substring(colon + 1);
        switch (method) {
            case "query", "path-after" -> {
                if (argument.isEmpty()) {
                    throw new IllegalArgumentException("method " + method + " needs an argument, e.g. " + method + ":url");
                }
            }
            case "query-base64-json", "path-base64-json" -> {
                int last = argument.lastIndexOf(':');
                if (last <= 0 || last == argument.length() - 1) {
                    throw new IllegalArgumentException("method " + method + " needs a source and a JSON field, e.g. " + method
                            + (method.startsWith("query") ? ":p:url" : ":/e/c/:href"));
                }
            }
            case "proofpoint-v2", "proofpoint-v3" -> {
                if (!argument.isEmpty()) {
                    throw new IllegalArgumentException("method " + method + " takes no argument");
                }
            }
            default -> throw new IllegalArgumentException(
                    "unknown method '" + method + "': use query:NAME, path-after:PREFIX, query-base64-json:NAME:FIELD, "
                            + "path-base64-json:PREFIX:FIELD, proofpoint-v2 or proofpoint-v3");
        }
        return new ClickWrapper(name, where, method, argument);
    }

    /** The destination carried by the wrapper URL, or {@code null} when it cannot be read. */
    String destination(WebAddress wrapper) {
        String path = wrapper.pathAndQuery();
        String found = switch (method) {
            case "query" -> PercentCoding.decode(queryValue(path, argument));
            case "path-after" -> pathSegmentAfter(path, argument);
            case "query-base64-json" -> Base64Json.field(PercentCoding.decode(queryValue(path, source())), jsonField());
            case "path-base64-json" -> Base64Json.field(pathSegmentAfter(path, source()), jsonField());
            case "proofpoint-v2" -> proofpointV2(queryValue(path, "u"));
            case "proofpoint-v3" -> proofpointV3(path);
            default -> null;
        };
        if (found == null || WebAddress.parse(found) == null && !found.regionMatches(true, 0, "mailto:", 0, 7)) {
            return null;
        }
        return found.strip();
    }

    /** For the base64-json methods: the query parameter or path prefix holding the token. */
    private String source() {
        return argument.substring(0, argument.lastIndexOf(':'));
    }

    private String jsonField() {
        return argument.substring(argument.lastIndexOf(':') + 1);
    }

    static String queryValue(String pathAndQuery, String name) {
        int hash = pathAndQuery.indexOf('#');
        int end = hash < 0 ? pathAndQuery.length() : hash;
        int question = pathAndQuery.indexOf('?');
        if (question < 0 || question > end) {
            return null;
        }
        int at = question + 1;
        while (at <= end) {
            int amp = pathAndQuery.indexOf('&', at);
            int stop = amp < 0 || amp > end ? end : amp;
            int eq = pathAndQuery.indexOf('=', at);
            if (eq > at && eq < stop && pathAndQuery.regionMatches(at, name, 0, name.length()) && eq - at == name.length()) {
                return pathAndQuery.substring(eq + 1, stop);
            }
            at = stop + 1;
        }
        return null;
    }

    private static String pathSegmentAfter(String path, String prefix) {
        int at = path.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int start = at + prefix.length();
        int end = path.indexOf('/', start);
        return PercentCoding.decode(path.substring(start, end < 0 ? path.length() : end));
    }

    private static String proofpointV2(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '_') {
                out.append('/');
            } else if (c == '-' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                out.append('%').append(value, i + 1, i + 3);
                i += 2;
            } else {
                out.append(c);
            }
        }
        return PercentCoding.decode(out.toString());
    }

    /**
     * Proofpoint v3 writes {@code /v3/__URL__;BYTES!!...}: each {@code *} in URL stands for the next
     * character of the base64url BYTES, and {@code **X} for a run of them whose length X encodes.
     */
    private static String proofpointV3(String path) {
        int open = path.indexOf("/v3/__");
        int close = open < 0 ? -1 : path.indexOf("__;", open + 6);
        if (close < 0) {
            return null;
        }
        String url = PercentCoding.decode(path.substring(open + 6, close));
        int bang = path.indexOf('!', close + 3);
        String encoded = path.substring(close + 3, bang < 0 ? path.length() : bang);
        String replacements;
        try {
            replacements = new String(Base64.getUrlDecoder().decode(padded(encoded)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        StringBuilder out = new StringBuilder(url.length());
        int next = 0;
        String runs = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c != '*') {
                out.append(c);
                continue;
            }
            int length = 1;
            if (i + 2 < url.length() && url.charAt(i + 1) == '*') {
                int run = runs.indexOf(url.charAt(i + 2));
                if (run < 0) {
                    return null;
                }
                length = run + 2;
                i += 2;
            }
            if (next + length > replacements.codePointCount(0, replacements.length())) {
                return null;
            }
            int from = replacements.offsetByCodePoints(0, next);
            int to = replacements.offsetByCodePoints(from, length);
            out.append(replacements, from, to);
            next += length;
        }
        return out.toString();
    }

    private static String padded(String base64) {
        int missing = (4 - base64.length() % 4) % 4;
        return missing == 3 ? base64.substring(0, base64.length() - 1) : base64 + "=".repeat(missing);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
