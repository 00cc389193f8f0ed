package eu.postdesk.mailets.redaction;

import eu.postdesk.mailets.PostdeskAttributes;
import eu.postdesk.mailets.mime.BodyCharset;
import eu.postdesk.mailets.mime.BodyText;
import eu.postdesk.mailets.mime.HeaderText;
import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.IOException;
import java.io.InputStream;

/**
 * Walks one message's MIME tree and redacts it in place: the subject, text and HTML bodies are
 * masked, every attachment gets its fate ({@code kept}, {@code redacted} or {@code quarantined})
 * in the {@link PostdeskAttributes#ATTACHMENT_FATE_HEADER} header, and attached messages are
 * redacted the same way, inside.
 */
final class PartRedaction {
    static final String SUBJECT = "subject";
    static final String BODY = "body";
    /** Far deeper than any mail client nests; beyond it, parts are withheld rather than walked. */
    private static final int MAX_MIME_DEPTH = 100;

    private final Masking masking;
    private final HtmlMasking htmlMasking;
    private final AttachmentInspector inspector;
    private final InspectionLimits limits;

    PartRedaction(Masking masking, AttachmentInspector inspector, InspectionLimits limits) {
        this.masking = masking;
        this.htmlMasking = new HtmlMasking(masking);
        this.inspector = inspector;
        this.limits = limits;
    }

    /** Redacts {@code message}; its subject and body count at the given places, its attachments under their names unless a place is imposed. */
    void redactMessage(MimeMessage message, String subjectLocation, String bodyLocation, RedactionReport report, InspectionBudget budget, int mimeDepth, int containerDepth)
            throws MessagingException {
        // the subject is read as filing reads it (raw 8-bit, legacy charsets), or a label like "hasło:" is not found
        String subject = eu.postdesk.mailets.mime.EncodedWords.header(message, "Subject");
        if (subject != null) {
            String masked = masking.mask(subject, subjectLocation, report);
            if (!masked.equals(subject)) {
                message.setSubject(masked, "UTF-8");
            }
        }
        redactEntity(message, replacement -> replaceContent(message, replacement), bodyLocation, report, budget, mimeDepth, containerDepth);
    }

    private void redactEntity(Part part, Slot slot, String location, RedactionReport report, InspectionBudget budget, int mimeDepth, int containerDepth)
            throws MessagingException {
        maskFileName(part, location, report);
        if (mimeDepth > MAX_MIME_DEPTH) {
            quarantine(slot, fileName(part), Inspection.TOO_DEEP, report);
            return;
        }
        try {
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    int index = i;
                    BodyPart child = multipart.getBodyPart(i);
                    redactEntity(child, replacement -> {
                        multipart.removeBodyPart(index);
                        multipart.addBodyPart(replacement, index);
                    }, location, report, budget, mimeDepth + 1, containerDepth);
                }
                if (part instanceof MimeMessage && report.isTouched()) {
                    // James's MimeMessageWrapper parses a fresh multipart on each getContent():
                    // put the redacted one back, or the redaction is lost.
                    part.setContent(multipart);
                }
            } else if (part.isMimeType("message/rfc822")) {
                redactAttachedMessage(part, slot, location, report, budget, mimeDepth, containerDepth);
            } else if (isBodyText(part)) {
                redactBodyText(part, slot, location, report, budget, containerDepth);
            } else {
                redactAttachment(part, slot, attachmentLocation(location, part), report, budget, containerDepth);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // A part we cannot read may hold exactly what must not be shown: withhold it.
            quarantine(slot, fileName(part), Inspection.NOT_INSPECTABLE, report);
        }
    }

    private void redactBodyText(Part part, Slot slot, String location, RedactionReport report, InspectionBudget budget, int containerDepth)
            throws MessagingException, IOException {
        if (part.getSize() > limits.maxExtractedChars()) {
            // Too long to hold as one String safely: streamed like an attachment, within the same limits.
            redactAttachment(part, slot, location, report, budget, containerDepth);
            return;
        }
        String text = readText(part);
        if (text.length() > limits.maxExtractedChars()) {
            redactAttachment(part, slot, location, report, budget, containerDepth);
            return;
        }
        boolean html = part.isMimeType("text/html");
        String masked = html ? htmlMasking.mask(text, location, report) : masking.mask(text, location, report);
        if (!masked.equals(text)) {
            String disposition = headerOrNull(part, "Content-Disposition");
            part.setContent(masked, (html ? "text/html" : "text/plain") + "; charset=UTF-8");
            if (disposition != null) {
                part.setHeader("Content-Disposition", disposition);
            }
        }
    }

    private void redactAttachedMessage(Part part, Slot slot, String location, RedactionReport report, InspectionBudget budget, int mimeDepth, int containerDepth)
            throws MessagingException, IOException {
        String where = attachmentLocation(location, part);
        if (containerDepth + 1 > limits.maxDepth()) {
            quarantine(slot, fileName(part), Inspection.TOO_DEEP, report);
            return;
        }
        if (!(part.getContent() instanceof MimeMessage attached)) {
            redactAttachment(part, slot, where, report, budget, containerDepth);
            return;
        }
        int before = report.changes();
        redactMessage(attached, where, where, report, budget, mimeDepth + 1, containerDepth + 1);
        if (report.changes() == before) {
            part.setHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER, Fate.KEPT);
            report.touched();
            return;
        }
        eu.postdesk.mailets.mime.MessageChanges.save(attached);
        String disposition = headerOrNull(part, "Content-Disposition");
        part.setContent(attached, "message/rfc822");
        if (disposition != null) {
            part.setHeader("Content-Disposition", disposition);
        }
        part.setHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER, Fate.REDACTED);
    }

    private void redactAttachment(Part part, Slot slot, String location, RedactionReport report, InspectionBudget budget, int containerDepth)
            throws MessagingException {
        String name = fileName(part);
        Inspection inspection;
        try (InputStream content = part.getInputStream()) {
            inspection = inspector.inspect(content, name, containerDepth, budget);
        } catch (MessagingException | IOException | RuntimeException e) {
            inspection = new Inspection.Quarantine(Inspection.NOT_INSPECTABLE);
        }
        switch (inspection) {
            case Inspection.Quarantine quarantine -> quarantine(slot, name, quarantine.reason(), report);
            case Inspection.Opaque opaque -> {
                if (opaque.cleaned() != null) {
                    String type = part.getContentType();
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(opaque.cleaned(), type)));
                    report.changed();
                }
                part.setHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER, Fate.KEPT);
                report.touched();
            }
            case Inspection.Text text -> {
                String masked = masking.mask(text.text(), location, report);
                if (masked.equals(text.text())) {
                    part.setHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER, Fate.KEPT);
                    report.touched();
                } else {
                    slot.replace(rendition(name, masked, Fate.REDACTED));
                }
            }
        }
    }

    private static void quarantine(Slot slot, String name, String reason, RedactionReport report) throws MessagingException {
        String notice = "Postdesk withheld this attachment: " + reason + ".\r\n"
                + "The original is sealed; a person with access to originals can release it.\r\n";
        slot.replace(rendition(name, notice, Fate.QUARANTINED + "; reason=\"" + reason + "\""));
        report.changed();
    }

    private static MimeBodyPart rendition(String name, String text, String fate) throws MessagingException {
        MimeBodyPart rendition = new MimeBodyPart();
        rendition.setText(text, "UTF-8", "plain");
        rendition.setDisposition(Part.ATTACHMENT);
        if (name != null) {
            rendition.setFileName(name);
        }
        rendition.setHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER, fate);
        return rendition;
    }

    /** A message that is itself one attachment (no multipart) gets the replacement's content and headers. */
    private static void replaceContent(MimeMessage message, MimeBodyPart replacement) throws MessagingException {
        message.setDataHandler(replacement.getDataHandler());
        message.setHeader("Content-Type", replacement.getContentType());
        message.setHeader("Content-Disposition", replacement.getHeader("Content-Disposition", null));
        message.setHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER, replacement.getHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER, null));
    }

    private static boolean isBodyText(Part part) {
        return BodyText.is(part);
    }

    /**
     * A file name is customer text too ({@code PESEL_44051401458.pdf}): findings in it are masked in
     * the part's own headers, so every later reader (placeholders, filing, notifications) has the masked name.
     */
    private void maskFileName(Part part, String location, RedactionReport report) throws MessagingException {
        String name = fileName(part);
        if (name == null) {
            return;
        }
        // '_' joins words for the detectors' word boundaries; as a space the identifier stands alone
        String spaced = name.replace('_', ' ');
        String masked = masking.mask(spaced, BODY.equals(location) ? "attachment-names" : location, report);
        if (masked.equals(spaced)) {
            return;
        }
        masked = withUnderscores(name, masked);
        try {
            part.setFileName(masked);
        } catch (MessagingException | RuntimeException e) {
            // fail closed: the message's redaction does not finish, so it is quarantined, never shown
            throw new MessagingException("an attachment's name could not be masked");
        }
    }

    /** The masked name with the underscores of the original put back where the text around the findings is unchanged. */
    private static String withUnderscores(String name, String masked) {
        StringBuilder restored = new StringBuilder(masked);
        if (masked.length() == name.length()) {
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) == '_' && masked.charAt(i) == ' ') {
                    restored.setCharAt(i, '_');
                }
            }
            return restored.toString();
        }
        // placeholders of another length: what precedes the first finding and follows the last is unchanged
        String spaced = name.replace('_', ' ');
        int prefix = 0;
        while (prefix < spaced.length() && prefix < masked.length() && spaced.charAt(prefix) == masked.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < spaced.length() - prefix && suffix < masked.length() - prefix
                && spaced.charAt(spaced.length() - 1 - suffix) == masked.charAt(masked.length() - 1 - suffix)) {
            suffix++;
        }
        for (int i = 0; i < prefix; i++) {
            if (name.charAt(i) == '_') {
                restored.setCharAt(i, '_');
            }
        }
        for (int i = 1; i <= suffix; i++) {
            if (name.charAt(name.length() - i) == '_') {
                restored.setCharAt(masked.length() - i, '_');
            }
        }
        return restored.toString();
    }

    private static String attachmentLocation(String location, Part part) {
        if (!BODY.equals(location)) {
            return location;
        }
        String name = fileName(part);
        return "attachment:" + (name == null ? "unnamed" : name);
    }

    static String fileName(Part part) {
        try {
            String name = eu.postdesk.mailets.mime.FileNames.of(part);
            // a decoded name can hold CR/LF: on one line, it can never add a header to a rendition
            name = name == null ? null : HeaderText.oneLine(name);
            return name == null || name.isBlank() ? null : name;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The body in the charset {@link BodyCharset} decides: the same words filing and agents read. */
    private static String readText(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return BodyCharset.decode(part.getContentType(), in.readAllBytes());
        }
    }

    private static String headerOrNull(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** Where a part sits in its parent, so that it can be swapped for a rendition or a placeholder. */
    @FunctionalInterface
    private interface Slot {
        void replace(MimeBodyPart replacement) throws MessagingException;
    }
}
