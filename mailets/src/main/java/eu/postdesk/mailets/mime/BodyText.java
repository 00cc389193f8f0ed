package eu.postdesk.mailets.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;

/**
 * The one definition of "the body" that every mailet and filing use: a leaf part is body text when
 * it is {@code text/plain} or {@code text/html} (a part without a type is text/plain), is not
 * {@code Content-Disposition: attachment} and has no file name. Everything else is an attachment.
 * When readers disagreed, a customer could tip a part into being shown unredacted or unsanitised.
 */
public final class BodyText {
    private BodyText() {
    }

    /** Whether the leaf part is a text or HTML body; a part whose headers cannot be read is not. */
    public static boolean is(Part part) {
        return isPlain(part) || isHtml(part);
    }

    /** Whether the leaf part is a text/plain body. */
    public static boolean isPlain(Part part) {
        return hasType(part, "text/plain") && !isAttachment(part);
    }

    /** Whether the leaf part is a text/html body. */
    public static boolean isHtml(Part part) {
        return hasType(part, "text/html") && !isAttachment(part);
    }

    /** Whether the part says it is an attachment: by its disposition or by having a file name. */
    public static boolean isAttachment(Part part) {
        try {
            return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        } catch (MessagingException | RuntimeException e) {
            return true;
        }
    }

    /** Jakarta Mail's own reading: lenient with broken parameters, text/plain when the type is missing. */
    private static boolean hasType(Part part, String type) {
        try {
            return part.getContentType() == null ? type.equals("text/plain") : part.isMimeType(type);
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }
}
