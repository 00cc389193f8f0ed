package eu.postdesk.mailets.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded words ({@code =?charset?B|Q?...?=}) decoded by {@link BodyCharset}'s rule, as
 * real clients write them: adjacent words in one charset are joined before decoding (old clients
 * split a Shift_JIS or GB18030 character across two words), words inside other text are decoded
 * too, a mislabelled {@code iso-8859-1} is read as windows-1252, and raw 8-bit text around the
 * words is read as {@link HeaderText#eightBitRepaired} reads it. A word that cannot be decoded
 * stays as it was written.
 */
public final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    /** A header of a part, unfolded and decoded (null when absent); the first one when it is repeated. */
    public static String header(jakarta.mail.Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : decode(jakarta.mail.internet.MimeUtility.unfold(values[0]));
        } catch (jakarta.mail.MessagingException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The header value with its encoded words decoded (null stays null); line breaks are kept for the caller to handle. */
    public static String decode(String value) {
        if (value == null) {
            return null;
        }
        String text = HeaderText.eightBitRepaired(value);
        if (!text.contains("=?")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher word = WORD.matcher(text);
        int end = 0;
        String charset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (word.find()) {
            String between = text.substring(end, word.start());
            byte[] bytes = bytes(word.group(2), word.group(3));
            if (bytes == null) {
                charset = flush(out, charset, pending);
                out.append(between).append(word.group());
                end = word.end();
                continue;
            }
            boolean adjacent = charset != null && between.isBlank();
            if (!adjacent || !charset.equalsIgnoreCase(word.group(1))) {
                charset = flush(out, charset, pending);
                if (!adjacent) {
                    out.append(between);
                }
            }
            charset = word.group(1);
            pending.writeBytes(bytes);
            end = word.end();
        }
        flush(out, charset, pending);
        out.append(text, end, text.length());
        return out.toString();
    }

    private static String flush(StringBuilder out, String charset, ByteArrayOutputStream pending) {
        if (charset != null) {
            byte[] bytes = pending.toByteArray();
            out.append(new String(bytes, BodyCharset.of(charset, bytes)));
            pending.reset();
        }
        return null;
    }

    /** The bytes a word's encoded text stands for, or null when it is not B or Q encoding. */
    private static byte[] bytes(String encoding, String encoded) {
        if (encoding.toUpperCase(Locale.ROOT).equals("B")) {
            String base64 = encoded.replace("=", "");
            try {
                return Base64.getDecoder().decode(base64.substring(0, base64.length() - (base64.length() % 4 == 1 ? 1 : 0)));
            } catch (IllegalArgumentException broken) {
                return null;
            }
        }
        return quoted(encoded.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    /** Q / quoted-printable bytes decoded; {@code underscore} says whether '_' is a space (RFC 2047) or itself. */
    static byte[] quoted(byte[] in, boolean underscore) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xFF;
            if (b == '_' && underscore) {
                out.write(' ');
            } else if ((b == '=' || b == '%') && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0
                    && (b == '=' ? underscore : !underscore)) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
