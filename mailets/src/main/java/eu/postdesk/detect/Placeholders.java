package eu.postdesk.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Values that only stand for a secret: what documentation, templates and support answers write where
 * the real token goes ({@code ghp_xxxxxxxx…}, {@code glpat-XXXXXXXXXXXXXXXXXXXX}, {@code sk_live_0000…},
 * {@code AKIAIOSFODNN7EXAMPLE}, {@code PUT_YOUR_TOKEN_HERE}, {@code <token>}, {@code ${API_KEY}}).
 * Masking them would hide the one thing an agent needs to read ("you sent the template, not your key")
 * and protects nothing.
 */
public final class Placeholders {
    private Placeholders() {
    }

    /** Whether {@code value} is a placeholder; its first {@code prefixLength} characters are a provider prefix. */
    public static boolean isPlaceholder(CharSequence value, int prefixLength) {
        String whole = value.toString();
        String lower = whole.toLowerCase(Locale.ROOT);
        if (lower.contains("example") || isTemplateVariable(whole) || saysPutYoursHere(lower)) {
            return true;
        }
        return isRepeatedFiller(whole.substring(Math.min(prefixLength, whole.length())), prefixLength == 0);
    }

    /** {@code <token>}, {@code ${VAR}}, {@code {{ var }}}, {@code $VAR}, {@code %VAR%}: filled in later by a tool or a person. */
    private static boolean isTemplateVariable(String value) {
        if (value.contains("${") || value.contains("{{") || value.contains("<") && value.contains(">")) {
            return true;
        }
        if (value.length() > 2 && value.charAt(0) == '%' && value.charAt(value.length() - 1) == '%') {
            return isVariableName(value, 1, value.length() - 1);
        }
        return value.length() > 1 && value.charAt(0) == '$' && isVariableName(value, 1, value.length());
    }

    private static boolean isVariableName(String value, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c == '_' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code PUT_YOUR_TOKEN_HERE}, {@code your-api-key-here}, {@code INSERT_YOUR_KEY}. */
    private static boolean saysPutYoursHere(String lower) {
        int your = lower.indexOf("your");
        return your >= 0 && (lower.indexOf("here", your) > your || your == 0 || lower.startsWith("insert") || lower.startsWith("put"));
    }

    /**
     * Every part between separators is one character repeated ({@code xxxx}, {@code XXXX-XXXX},
     * {@code ####}, {@code 0000}, {@code ****}). Without a known prefix, up to two short leading
     * parts ({@code sk_live_}, {@code xoxb-}) are taken as the prefix.
     */
    private static boolean isRepeatedFiller(String body, boolean guessPrefix) {
        List<String> parts = parts(body);
        int first = 0;
        if (guessPrefix) {
            while (first < parts.size() - 1 && first < 2 && parts.get(first).length() <= 8 && !isOneCharacter(parts.get(first))) {
                first++;
            }
        }
        int filler = 0;
        for (int i = first; i < parts.size(); i++) {
            if (!isOneCharacter(parts.get(i))) {
                return false;
            }
            filler += parts.get(i).length();
        }
        return filler >= 4;
    }

    /** The non-empty parts between separators ({@code - _ . : /}); a hand-written split, as this runs per finding. */
    private static List<String> parts(String value) {
        List<String> parts = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || isSeparator(value.charAt(i))) {
                if (i > start) {
                    parts.add(value.substring(start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.' || c == ':' || c == '/';
    }

    private static boolean isOneCharacter(String part) {
        if (part.isEmpty()) {
            return false;
        }
        char c = Character.toLowerCase(part.charAt(0));
        for (int i = 1; i < part.length(); i++) {
            if (Character.toLowerCase(part.charAt(i)) != c) {
                return false;
            }
        }
        return true;
    }
}
