package eu.postdesk.mailets.mime;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
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

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }
}
