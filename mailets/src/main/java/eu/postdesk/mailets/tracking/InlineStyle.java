package eu.postdesk.mailets.tracking;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The declarations of a {@code style} attribute, enough to tell whether an element is hidden or tiny. */
final class InlineStyle {
    private static final InlineStyle EMPTY = new InlineStyle(Map.of());

    private final Map<String, String> declarations;

    private InlineStyle(Map<String, String> declarations) {
        this.declarations = declarations;
    }

    static InlineStyle of(String style) {
        if (style == null || style.isBlank()) {
            return EMPTY;
        }
        Map<String, String> declarations = new HashMap<>();
        for (String declaration : style.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon > 0) {
                String value = declaration.substring(colon + 1).toLowerCase(Locale.ROOT).replace("!important", "").strip();
                declarations.put(declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT), value);
            }
        }
        return new InlineStyle(declarations);
    }

    String get(String property) {
        return declarations.get(property);
    }

    /** Whether a style could hide anything at all; most do not, and need no parsing. */
    static boolean mayHide(String style) {
        if (style.isEmpty()) {
            return false;
        }
        String lower = style.toLowerCase(Locale.ROOT);
        return lower.contains("none") || lower.contains("hidden") || lower.contains("opacity") || lower.contains("max-") || lower.contains("mso-hide");
    }

    /** Whether the declarations make the element and what it holds invisible. */
    boolean hides() {
        if (declarations.isEmpty()) {
            return false;
        }
        if ("none".equals(get("display")) || "hidden".equals(get("visibility")) || "all".equals(get("mso-hide"))) {
            return true;
        }
        Double opacity = number(get("opacity"));
        if (opacity != null && opacity <= 0.01) {
            return true;
        }
        if (isZero(get("max-height")) || isZero(get("max-width"))) {
            return true;
        }
        return (isZero(get("height")) || isZero(get("width"))) && "hidden".equals(get("overflow"));
    }

    static boolean isZero(String length) {
        Double value = pixels(length);
        return value != null && value == 0;
    }

    /** A length in pixels ({@code 1}, {@code 1px}, {@code 0}), or {@code null} for anything relative or unknown. */
    static Double pixels(String length) {
        if (length == null) {
            return null;
        }
        String value = length.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith("px")) {
            value = value.substring(0, value.length() - 2).strip();
        } else if (value.endsWith("pt")) {
            Double points = number(value.substring(0, value.length() - 2));
            return points == null ? null : points * 4 / 3;
        }
        return number(value);
    }

    private static Double number(String value) {
        if (value == null || value.isEmpty() || value.length() > 12) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                return null;
            }
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
