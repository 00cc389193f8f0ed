package eu.postdesk.mailets.mime;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;


/**
 * Rewrites the readable text bodies of a message (text/plain and text/html parts that are not
 * attachments), or its HTML and SVG attachments, and leaves every other part, header and boundary
 * as it was. A part that cannot be read (broken MIME, bad transfer encoding) is left alone rather
 * than failing the message; one larger than the limit fails it, so that it is never shown unrewritten.
 */
public final class TextParts {
    /** Multipart nesting deeper than this is not real mail; its inner parts are left alone. */
    private static final int MAX_DEPTH = 100;

    /** Rewrites one body; returns the new text, or the same string when nothing changed. */
    @FunctionalInterface
    public interface Rewrite {
        String apply(String text, boolean html, Charset charset) throws MessagingException;
    }

    /** The markup an attachment can hold that a browser or viewer would run or load things from. */
    public enum Markup { HTML, SVG }

    /** Rewrites one HTML or SVG attachment; returns the new markup, or the same string when nothing changed. */
    @FunctionalInterface
    public interface MarkupRewrite {
        String apply(String markup, Markup kind, Charset charset) throws MessagingException;
    }

    /** Which rewrite, if any, applies to a leaf part. */
    @FunctionalInterface
    private interface Choice {
        Rewrite of(Part part, ContentType type);
    }

    private final long maxPartBytes;
    private final StreamProvider streams = StreamProvider.provider();

    /** @param maxPartBytes larger text bodies are refused with a {@link MessagingException} */
    public TextParts(long maxPartBytes) {
        this.maxPartBytes = maxPartBytes;
    }

    /**
     * Applies {@code rewrite} to each text body ({@code htmlOnly}: only HTML ones) and saves the
     * message when one changed, keeping its Message-ID.
     *
     * @return whether any body changed
     */
    public boolean rewrite(MimeMessage message, boolean htmlOnly, Rewrite rewrite) throws MessagingException {
        return rewrite(message, (part, type) -> {
            return BodyText.isHtml(part) || (!htmlOnly && BodyText.isPlain(part)) ? rewrite : null;
        });
    }

    /**
     * Applies {@code rewrite} to each HTML or SVG attachment (by its declared type, or by its file
     * name when the type says nothing) and saves the message when one changed, keeping its Message-ID.
     * Such files open in a browser, so they need the same tracker removal and sanitising as a body.
     *
     * @return whether any attachment changed
     */
    public boolean rewriteMarkupAttachments(MimeMessage message, MarkupRewrite rewrite) throws MessagingException {
        return rewrite(message, (part, type) -> {
            Markup kind = BodyText.isAttachment(part) ? markup(part, type) : null;
            return kind == null ? null : (text, html, charset) -> rewrite.apply(text, kind, charset);
        });
    }

    private boolean rewrite(MimeMessage message, Choice choice) throws MessagingException {
        boolean changed = visit(message, choice, 0);
        if (changed) {
            MessageChanges.save(message);
        }
        return changed;
    }

    private static Markup markup(Part part, ContentType type) {
        if (type.match("text/html") || type.match("application/xhtml+xml")) {
            return Markup.HTML;
        }
        if (type.match("image/svg+xml")) {
            return Markup.SVG;
        }
        if (!type.match("application/octet-stream") && !type.match("application/x-download")) {
            return null;
        }
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException e) {
            return null;
        }
        String lower = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".html") || lower.endsWith(".htm") || lower.endsWith(".xhtml")) {
            return Markup.HTML;
        }
        return lower.endsWith(".svg") ? Markup.SVG : null;
    }

    private boolean visit(Part part, Choice choice, int depth) throws MessagingException {
        ContentType type = contentType(part);
        if (type == null || depth > MAX_DEPTH) {
            return false;
        }
        if (type.match("multipart/*")) {
            Multipart multipart = multipart(part);
            if (multipart == null) {
                return false;
            }
            boolean changed = false;
            for (int i = 0; i < count(multipart); i++) {
                changed |= visit(multipart.getBodyPart(i), choice, depth + 1);
            }
            if (changed) {
                // Not every message caches the multipart it hands out (James's MimeMessageWrapper
                // parses a fresh one each time): put the changed one back, or the change is lost.
                part.setContent(multipart);
            }
            return changed;
        }
        boolean html = type.match("text/html");
        Rewrite rewrite = choice.of(part, type);
        if (rewrite == null) {
            return false;
        }
        byte[] bytes = body(part);
        if (bytes == null) {
            return false;
        }
        String header = part.getContentType();
        Charset charset = BodyCharset.forContentType(header, bytes);
        // written back in the charset it was read in, so the bytes no rewrite touched stay as they were
        Charset target = charset.canEncode() ? charset : StandardCharsets.UTF_8;
        String text = new String(bytes, charset);
        String result = rewrite.apply(text, html, target);
        if (result == null || result.equals(text)) {
            return false;
        }
        if (!target.newEncoder().canEncode(result)) {
            target = StandardCharsets.UTF_8;
        }
        String declared = BodyCharset.declared(header);
        boolean undeclared = declared == null || BodyCharset.isAsciiName(declared);
        if (!target.equals(charset) || (undeclared && !target.equals(StandardCharsets.US_ASCII))) {
            // Written in another charset than it was read in, or 8-bit text that declared none (or a
            // lying US-ASCII): say which, so that no later reader has to guess.
            ContentType labelled = new ContentType(header == null ? "text/plain" : header);
            labelled.setParameter("charset", target.name());
            header = labelled.toString();
        }
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(result.getBytes(target), header)));
        part.setHeader("Content-Type", header);
        // The new body may need another transfer encoding than the old one; Jakarta Mail picks it on save.
        part.removeHeader("Content-Transfer-Encoding");
        return true;
    }

    private static ContentType contentType(Part part) {
        try {
            String header = part.getContentType();
            return new ContentType(header == null ? "text/plain" : header);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static Multipart multipart(Part part) {
        try {
            return part.getContent() instanceof Multipart multipart ? multipart : null;
        } catch (IOException | MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static int count(Multipart multipart) {
        try {
            return multipart.getCount();
        } catch (MessagingException e) {
            return 0;
        }
    }

    private byte[] body(Part part) throws MessagingException {
        try (InputStream in = decoded(part)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPartBytes + 1));
            if (bytes.length > maxPartBytes) {
                throw new MessagingException("A text body is larger than " + maxPartBytes + " bytes (maxPartBytes)");
            }
            return bytes;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The decoded body. Jakarta Mail's own {@code getInputStream()} looks its stream provider up through
     * a service loader on every call, which costs more than tracking removal itself; this uses the one
     * found once.
     */
    private InputStream decoded(Part part) throws MessagingException, IOException {
        if (!(part.getDataHandler().getDataSource() instanceof MimePartDataSource)) {
            // Content set by an earlier mailet: the raw bytes are stale, the data source holds the body.
            return part.getDataHandler().getDataSource().getInputStream();
        }
        InputStream raw;
        if (part instanceof MimeMessage message) {
            raw = message.getRawInputStream();
        } else if (part instanceof MimeBodyPart bodyPart) {
            raw = bodyPart.getRawInputStream();
        } else {
            return part.getInputStream();
        }
        String encoding = ((MimePart) part).getEncoding();
        if (encoding == null) {
            return raw;
        }
        return switch (encoding.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "base64" -> streams.inputBase64(raw);
            case "quoted-printable" -> streams.inputQP(raw);
            case "uuencode", "x-uuencode", "x-uue" -> streams.inputUU(raw);
            case "7bit", "8bit", "binary" -> raw;
            default -> part.getInputStream();
        };
    }

}
