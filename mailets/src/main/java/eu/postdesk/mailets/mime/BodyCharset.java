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
 * windows-1252 (what undeclared 8-bit Western mail has been in practice). A declared standard
 * charset is read in the vendor charset that widens it (see {@link #WIDER}): the mislabelled
 * {@code iso-8859-1} that is really windows-1252, {@code Shift_JIS} that is really windows-31j.
 * The same rule decodes encoded words ({@link EncodedWords}) and RFC 2231 file names ({@link FileNames}).
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
            // "iso-8859-1" that is really UTF-8 (a client that labels whatever it sends Latin-1)
            if (declared.equals(WINDOWS_1252) && !isAscii(bytes) && isUtf8(bytes)) {
                return StandardCharsets.UTF_8;
            }
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
            Charset named = Charset.forName(MimeUtility.javaCharset(unquoted(name)));
            return WIDER.getOrDefault(named.name(), named);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String unquoted(String name) {
        String stripped = name.strip();
        int language = stripped.indexOf('*'); // RFC 2231 "charset*language"
        return (language > 0 ? stripped.substring(0, language) : stripped).replace("\"", "");
    }

    /**
     * Charsets that clients label with the name of the standard charset but write in the vendor's
     * wider one (as browsers read them too, WHATWG Encoding): "iso-8859-1" mail holds windows-1252's
     * quotes and euro sign, "Shift_JIS" and "ISO-2022-JP" hold Microsoft's NEC and IBM extensions
     * (circled digits, Roman numerals), "GB2312" holds GBK and GB18030 characters, "Big5" holds
     * HKSCS ones. Each wider charset decodes the standard one's bytes to the same characters.
     */
    private static final java.util.Map<String, Charset> WIDER = wider();

    private static java.util.Map<String, Charset> wider() {
        java.util.Map<String, Charset> wider = new java.util.HashMap<>();
        String[][] pairs = {
                {"ISO-8859-1", "windows-1252"},
                {"ISO-8859-9", "windows-1254"},
                {"ISO-8859-11", "x-windows-874"}, {"x-iso-8859-11", "x-windows-874"}, {"TIS-620", "x-windows-874"},
                {"Shift_JIS", "windows-31j"},
                {"ISO-2022-JP", "x-windows-50221"},
                {"GB2312", "GB18030"}, {"GBK", "GB18030"}, {"x-EUC-CN", "GB18030"},
                {"Big5", "Big5-HKSCS"},
                {"EUC-KR", "x-windows-949"},
        };
        for (String[] pair : pairs) {
            try {
                wider.put(Charset.forName(pair[0]).name(), Charset.forName(pair[1]));
            } catch (IllegalArgumentException notInThisJdk) {
                // keep the standard charset
            }
        }
        return java.util.Map.copyOf(wider);
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
