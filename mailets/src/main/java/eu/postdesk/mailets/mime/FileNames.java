package eu.postdesk.mailets.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;

/**
 * The name of an attached file, decoded as clients write it: RFC 2231 ({@code filename*=charset''%XX},
 * continuations {@code filename*0*=}), RFC 2047 encoded words in a quoted name (Outlook, Gmail),
 * or raw 8-bit bytes; every charset by {@link BodyCharset}'s rule, so a mislabelled
 * {@code iso-8859-1} name is read as windows-1252. {@code Content-Disposition}'s {@code filename}
 * first, then {@code Content-Type}'s {@code name}. The result is not yet on one line: use
 * {@link HeaderText#oneLine} before writing it into a header.
 */
public final class FileNames {
    private FileNames() {
    }

    /** The decoded file name of a part, or null when it has none. */
    public static String of(Part part) {
        try {
            String name = parameter(header(part, "Content-Disposition"), "filename");
            return name != null ? name : parameter(header(part, "Content-Type"), "name");
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String header(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : MimeUtility.unfold(values[0]);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** One parameter of a structured header value ({@code type; a=b; c*=...}), decoded; null when absent. */
    public static String parameter(String header, String wanted) {
        if (header == null) {
            return null;
        }
        String plain = null;
        String extended = null;
        TreeMap<Integer, String[]> segments = new TreeMap<>();
        List<String> parameters = split(header);
        for (String parameter : parameters.subList(Math.min(1, parameters.size()), parameters.size())) {
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = unquote(parameter.substring(equals + 1).strip());
            if (key.equals(wanted)) {
                plain = plain == null ? value : plain;
            } else if (key.equals(wanted + "*")) {
                extended = extended == null ? value : extended;
            } else if (key.startsWith(wanted + "*")) {
                String rest = key.substring(wanted.length() + 1);
                boolean encoded = rest.endsWith("*");
                try {
                    int index = Integer.parseInt(encoded ? rest.substring(0, rest.length() - 1) : rest);
                    if (index >= 0 && index < 1000) {
                        segments.putIfAbsent(index, new String[] {value, encoded ? "*" : ""});
                    }
                } catch (NumberFormatException notASegment) {
                    // another parameter that starts with the same word
                }
            }
        }
        if (extended != null) {
            return extendedValue(List.<String[]>of(new String[] {extended, "*"}));
        }
        if (!segments.isEmpty()) {
            return extendedValue(new ArrayList<>(segments.values()));
        }
        return plain == null ? null : EncodedWords.decode(plain);
    }

    /** RFC 2231: the first encoded segment starts with {@code charset'language'}; encoded segments are %-escaped bytes. */
    private static String extendedValue(List<String[]> segments) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (String[] segment : segments) {
            String value = segment[0];
            boolean encoded = !segment[1].isEmpty();
            if (encoded && first) {
                int quote = value.indexOf('\'');
                int second = quote < 0 ? -1 : value.indexOf('\'', quote + 1);
                if (second > 0) {
                    charset = value.substring(0, quote);
                    value = value.substring(second + 1);
                }
            }
            first = false;
            byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
            bytes.writeBytes(encoded ? EncodedWords.quoted(raw, false) : raw);
        }
        byte[] all = bytes.toByteArray();
        String text = new String(all, BodyCharset.of(charset == null || charset.isBlank() ? null : charset, all));
        // some clients put an encoded word into an RFC 2231 value as well
        return text.contains("=?") ? EncodedWords.decode(text) : text;
    }

    private static List<String> split(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted && c == '\\' && i + 1 < header.length()) {
                current.append(c).append(header.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"') {
            return value;
        }
        String inner = value.substring(1, value.endsWith("\"") ? value.length() - 1 : value.length());
        StringBuilder out = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                c = inner.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
