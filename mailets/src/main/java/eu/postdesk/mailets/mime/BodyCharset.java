package eu.postdesk.mailets.mime;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The one rule for which charset a text body is read in, used by every mailet and by filing, so
 * that redaction sees the same words an agent will read. A declared charset is believed, except
 * when it is missing, US-ASCII or unknown and the bytes say otherwise: clients send 8-bit UTF-8
 * without declaring it, so such bytes are read as UTF-8 when they are valid UTF-8, else as
 * windows-1252 (what undeclared 8-bit Western mail has been in practice).
 */
public final class BodyCharset {
    /** windows-1252; every JDK ships it. */
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private BodyCharset() {
    }

    /** The charset to read {@code bytes} in, given the {@code Content-Type} header (null when absent). */
    public static Charset forContentType(String contentType, byte[] bytes) {
        return of(declared(contentType), bytes);
    }

    /** The charset to read {@code bytes} in, given the declared charset name (null when undeclared). */
    public static Charset of(String declaredName, byte[] bytes) {
        Charset declared = known(declaredName);
        if (declared != null && !isAsciiName(declaredName)) {
            return declared;
        }
        if (isAscii(bytes)) {
            return StandardCharsets.US_ASCII;
        }
        return isUtf8(bytes) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }

    /** The text of {@code bytes} read in the charset {@link #forContentType} decides. */
    public static String decode(String contentType, byte[] bytes) {
        return new String(bytes, forContentType(contentType, bytes));
    }

    /** The charset parameter of a {@code Content-Type} header, or null. */
    public static String declared(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            String name = new ContentType(contentType).getParameter("charset");
            return name == null || name.isBlank() ? null : name.strip();
        } catch (Exception malformed) {
            return null;
        }
    }

    /** The Java charset a MIME charset name stands for; null when unknown or not supported. */
    static Charset known(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (isAsciiName(name)) {
            return StandardCharsets.US_ASCII;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(name.strip()));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** Whether the name is one of US-ASCII's ({@code MimeUtility} maps them to Latin-1, so ask Java itself). */
    public static boolean isAsciiName(String name) {
        try {
            return name != null && Charset.forName(name.strip()).equals(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the bytes are well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values above
     * U+10FFFF), except that the last character may be cut short; checked in place, without a copy.
     */
    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xFF;
            int length;
            int min;
            if (lead < 0x80) {
                i++;
                continue;
            } else if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + length > bytes.length) {
                // cut short at the very end, as a bounded read cuts text: still UTF-8 before it
                for (int k = i + 1; k < bytes.length; k++) {
                    if ((bytes[k] & 0xC0) != 0x80) {
                        return false;
                    }
                }
                return true;
            }
            int codePoint = lead & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return false;
            }
            i += length;
        }
        return true;
    }
}
