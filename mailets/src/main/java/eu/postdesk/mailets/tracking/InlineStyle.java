package eu.postdesk.mailets.tracking;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The declarations of a {@code style} attribute, enough to tell whether an element is hidden or tiny. */
final class InlineStyle {
    private static final InlineStyle EMPTY = new InlineStyle(Map.of());
    /** Pixels off the page beyond which nothing is seen; hiding tricks use -9999px or -5000px. */
    private static final double OFF_SCREEN = 1000;

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
        return lower.contains("none") || lower.contains("hidden") || lower.contains("opacity") || lower.contains("max-")
                || lower.contains("mso-hide") || lower.contains(":-") || lower.contains(": -") || lower.contains("clip")
                || lower.contains("scale(");
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
        if ((isTiny(get("height")) || isTiny(get("width"))) && "hidden".equals(get("overflow"))) {
            return true;
        }
        return isOffScreen() || isClippedAway() || isScaledAway();
    }

    /** Moved out of sight: {@code position:absolute; left:-9999px}, a far negative margin or text indent. */
    private boolean isOffScreen() {
        String position = get("position");
        if ("absolute".equals(position) || "fixed".equals(position) || "relative".equals(position)) {
            for (String side : new String[] {"left", "top", "right", "bottom"}) {
                if (isFarNegative(get(side))) {
                    return true;
                }
            }
        }
        return isFarNegative(get("margin-left")) || isFarNegative(get("margin-top")) || isFarNegative(get("text-indent"));
    }

    /** {@code clip: rect(0 0 0 0)} (or 1px, the "visually hidden" idiom) and {@code clip-path: inset(50%)}. */
    private boolean isClippedAway() {
        String clip = get("clip");
        if (clip != null && clip.startsWith("rect(") && clip.endsWith(")")) {
            boolean nothingShows = true;
            for (String edge : clip.substring(5, clip.length() - 1).split("[\\s,]+")) {
                Double value = pixels(edge);
                nothingShows &= value != null && value <= 1;
            }
            if (nothingShows) {
                return true;
            }
        }
        String clipPath = get("clip-path");
        return clipPath != null && (clipPath.startsWith("inset(50%") || clipPath.startsWith("inset(100%") || clipPath.startsWith("circle(0"));
    }

    private boolean isScaledAway() {
        String transform = get("transform");
        if (transform == null) {
            return false;
        }
        String compact = transform.replace(" ", "");
        return compact.contains("scale(0)") || compact.contains("scale(0,0)");
    }

    /** Far enough off the page that no screen shows it; small negative offsets are layout, not hiding. */
    private static boolean isFarNegative(String length) {
        if (length == null || !length.startsWith("-")) {
            return false;
        }
        Double value = pixels(length.substring(1));
        return value != null && value >= OFF_SCREEN;
    }

    private static boolean isTiny(String length) {
        Double value = pixels(length);
        return value != null && value <= ImageSize.TINY;
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
