package eu.postdesk.mailets.quoting;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import eu.postdesk.mailets.mime.BodyCharset;
import eu.postdesk.mailets.mime.BodyText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The body text of a message: the first {@code text/plain} body, else the first {@code text/html}
 * body (as {@link BodyText} defines them), decoded. Attachments and attached messages are not the body. Reads at
 * most {@value #MAX_BYTES} bytes of a part and descends at most {@value #MAX_DEPTH} levels; an
 * undeclared or unknown charset is read as {@link BodyCharset} decides.
 */
final class MessageText {

    static final int MAX_BYTES = 4 * QuotedHistory.MAX_CHARS;
    static final int MAX_DEPTH = 100;

    /** A body text and whether it is HTML. */
    record Body(String text, boolean html) {
    }

    private MessageText() {
    }

    static Optional<Body> of(Part message) {
        Optional<Body> plain = find(message, "text/plain", 0);
        return plain.isPresent() ? plain : find(message, "text/html", 0);
    }

    private static Optional<Body> find(Part part, String type, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        try {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return Optional.empty();
            }
            String contentType = contentType(part);
            if (contentType.startsWith("multipart/")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        Optional<Body> found = find(multipart.getBodyPart(i), type, depth + 1);
                        if (found.isPresent()) {
                            return found;
                        }
                    }
                }
                return Optional.empty();
            }
            if (type.equals("text/html") ? BodyText.isHtml(part) : BodyText.isPlain(part)) {
                return Optional.of(new Body(decode(part), type.equals("text/html")));
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // A broken part is not a body; the next part may be.
        }
        return Optional.empty();
    }

    private static String contentType(Part part) throws MessagingException {
        String header = part.getContentType();
        return header == null ? "" : header.toLowerCase(Locale.ROOT).strip();
    }

    private static String decode(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = readBounded(in);
        }
        return BodyCharset.decode(part.getContentType(), bytes);
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while (out.size() < MAX_BYTES && (read = in.read(buffer, 0, Math.min(buffer.length, MAX_BYTES - out.size()))) > 0) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
