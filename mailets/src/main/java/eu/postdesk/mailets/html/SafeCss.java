package eu.postdesk.mailets.html;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Inline CSS an agent's screen may apply: declarations that load nothing remote and run nothing.
 * Anything unusual (escapes, comments, expressions, bindings, {@code @} rules) drops its declaration,
 * since a sanitiser that guesses about odd CSS is one that can be fooled.
 */
final class SafeCss {
    private static final Pattern PROPERTY = Pattern.compile("-?[a-z][a-z0-9-]*");
    private static final Pattern URL = Pattern.compile("url\\(\\s*['\"]?\\s*([^'\")\\s]*)");

    private SafeCss() {
    }

    /** The safe declarations of a {@code style} attribute, or an empty string. */
    static String declarations(String style) {
        StringBuilder out = new StringBuilder(style.length());
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i <= style.length(); i++) {
            char c = i < style.length() ? style.charAt(i) : ';';
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ';' && (depth == 0 || i == style.length())) {
                String declaration = safeDeclaration(style.substring(start, Math.min(i, style.length())));
                if (declaration != null) {
                    if (!out.isEmpty()) {
                        out.append(';');
                    }
                    out.append(declaration);
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    private static String safeDeclaration(String declaration) {
        int colon = declaration.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = declaration.substring(colon + 1).strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (!PROPERTY.matcher(property).matches() || value.isEmpty()
                || property.equals("behavior") || property.contains("binding") || property.equals("position")
                || property.startsWith("-o-link") || property.equals("cursor")) {
            return null;
        }
        if (lower.contains("\\") || lower.contains("/*") || lower.contains("expression") || lower.contains("javascript")
                || lower.contains("vbscript") || lower.contains("@") || lower.contains("<") || lower.contains(">")
                || lower.contains("image-set") || lower.contains("src(")) {
            return null;
        }
        if (lower.contains("url(")) {
            var matcher = URL.matcher(lower);
            while (matcher.find()) {
                String target = matcher.group(1);
                if (!(target.startsWith("cid:") || target.startsWith("data:image/"))) {
                    return null;
                }
            }
        }
        return property + ":" + value;
    }
}
