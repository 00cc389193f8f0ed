package eu.postdesk.tickets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.slf4j.LoggerFactory;

import eu.postdesk.mailets.PostdeskAttributes;
import eu.postdesk.mailets.mime.BodyCharset;
import eu.postdesk.mailets.mime.BodyText;
import eu.postdesk.mailets.mime.EncodedWords;
import eu.postdesk.mailets.mime.FileNames;
import eu.postdesk.mailets.mime.HeaderText;

/**
 * What a message holds, read defensively from a (possibly hostile) MIME structure: the headers
 * that matter, the plain text, the HTML and the attachments. Broken parts are skipped, missing or
 * unknown charsets are read as {@link BodyCharset} decides (UTF-8 when valid, else windows-1252), body
 * and attachment are told apart by {@link BodyText}, and nesting is bounded, so something can always
 * be salvaged.
 */
public record MessageContent(String subject, String from, String replyTo, List<String> to, Date sentAt,
                             String messageId, String inReplyTo, List<String> references,
                             String text, String html, List<Attachment> attachments) {

    private static final int MAX_DEPTH = 100;
    private static final long MAX_TEXT_BYTES = 20L * 1024 * 1024;

    /**
     * One attachment as the agent may see it, with its fate from the redaction mailet. Its bytes
     * are not held: they are read from the message's part (on disk unless a mailet replaced it)
     * each time they are written.
     */
    public record Attachment(String name, String contentType, String fate, String reason, Part part) {

        /** Writes the decoded bytes to a file (replacing it); returns how many. */
        public long writeTo(Path file) throws IOException {
            return copy(() -> Files.newOutputStream(file));
        }

        /** How many bytes the attachment has, decoded; read through without keeping them. */
        public long size() throws IOException {
            return copy(OutputStream::nullOutputStream);
        }

        /** The decoded bytes; when the part's encoding cannot be decoded, its bytes as they are. */
        private long copy(Target target) throws IOException {
            try (InputStream in = part.getInputStream(); OutputStream out = target.open()) {
                return in.transferTo(out);
            } catch (IOException | MessagingException | RuntimeException undecodable) {
                try (InputStream in = rawStream(part); OutputStream out = target.open()) {
                    return in.transferTo(out);
                } catch (MessagingException e) {
                    throw new IOException("attachment " + name + " cannot be read: " + e.getMessage(), e);
                }
            }
        }

        private interface Target {
            OutputStream open() throws IOException;
        }
    }

    private static InputStream rawStream(Part part) throws MessagingException {
        if (part instanceof jakarta.mail.internet.MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        throw new MessagingException("a part of unknown kind");
    }

    public static MessageContent of(MimeMessage message) {
        Walk walk = new Walk();
        walk.part(message, 0);
        String text = walk.text.length() > 0 ? walk.text.toString() : null;
        String html = walk.html.length() > 0 ? walk.html.toString() : null;
        return new MessageContent(subject(message), address(() -> message.getFrom()), address(() -> message.getReplyTo()),
                addresses(message), date(message), header(message, "Message-ID"), firstId(header(message, "In-Reply-To")),
                ids(header(message, "References")), text, html, List.copyOf(walk.attachments));
    }

    /** The decoded subject on one line: a subject cannot smuggle headers in through encoded CR/LF. */
    static String subject(MimeMessage message) {
        String decoded = EncodedWords.header(message, "Subject");
        if (decoded == null) {
            return "";
        }
        return decoded.replaceAll("[\\r\\n\\t\\u0000-\\u001f]+", " ").strip();
    }

    static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, " ");
            return value == null ? null : HeaderText.eightBitRepaired(value.strip());
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private interface AddressSource {
        Address[] get() throws MessagingException;
    }

    private static String address(AddressSource source) {
        try {
            Address[] addresses = source.get();
            if (addresses != null) {
                for (Address address : addresses) {
                    if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                        return internet.getAddress().toLowerCase(Locale.ROOT);
                    }
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // an unparsable address header: fall through to the lenient reading
        }
        return null;
    }

    private static List<String> addresses(MimeMessage message) {
        List<String> out = new ArrayList<>();
        try {
            Address[] all = message.getRecipients(Message.RecipientType.TO);
            if (all != null) {
                for (Address address : all) {
                    if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                        out.add(internet.getAddress().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // a broken To: header leaves the list empty
        }
        return out;
    }

    private static Date date(MimeMessage message) {
        try {
            return message.getSentDate();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        var matcher = java.util.regex.Pattern.compile("<[^<>\\s]{1,990}>").matcher(header);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }

    private static String firstId(String header) {
        List<String> ids = ids(header);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Walks the MIME tree once, collecting the first readable text and HTML bodies and the attachments. */
    private static final class Walk {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder html = new StringBuilder();
        private final List<Attachment> attachments = new ArrayList<>();

        void part(Part part, int depth) {
            if (depth > MAX_DEPTH) {
                return;
            }
            try {
                String type = contentType(part);
                String fileName = fileName(part);
                String fate = fate(part);
                if (type.startsWith("multipart/")) {
                    Multipart multipart = multipart(part);
                    if (multipart != null) {
                        for (int i = 0; i < count(multipart); i++) {
                            BodyPart child = child(multipart, i);
                            if (child != null) {
                                part(child, depth + 1);
                            }
                        }
                        return;
                    }
                    // a multipart whose boundary is missing: read it as text
                    appendText(text, decode(part, type));
                    return;
                }
                // the mailets' definition of the body, so that what they redacted as an attachment is filed as one
                boolean attached = fate != null || !BodyText.is(part);
                if (!attached && type.equals("text/html")) {
                    if (html.isEmpty()) {
                        html.append(decode(part, type));
                    }
                    return;
                }
                if (!attached) {
                    appendText(text, decode(part, type));
                    return;
                }
                // the name is shown to agents and written into notifications' headers: one line, no controls
                attachments.add(new Attachment(fileName != null && !shownName(fileName).isEmpty() ? shownName(fileName)
                        : "attachment-" + (attachments.size() + 1),
                        baseType(part), fate == null ? "kept" : fateName(fate), fateReason(fate), part));
            } catch (Exception e) {
                // a part we cannot read at all is skipped; the raw message stays in the spool
                LoggerFactory.getLogger(MessageContent.class).debug("skipped an unreadable MIME part: {}", e.toString());
            }
        }

        private static void appendText(StringBuilder into, String more) {
            if (more == null || more.isBlank()) {
                return;
            }
            if (!into.isEmpty()) {
                into.append("\n\n");
            }
            into.append(more);
        }
    }

    /**
     * The parts of a multipart: the parsed (possibly rewritten by a mailet) content, else read
     * straight from the part's bytes when no content handler is available.
     */
    private static Multipart multipart(Part part) {
        // the parsed parts first: a mailet may have changed them, and the part's bytes do not show
        // that (James reads a message from the spool file and keeps its original bytes as they were)
        try {
            if (part.getContent() instanceof Multipart multipart) {
                multipart.getCount();
                return multipart;
            }
        } catch (Exception e) {
            // unreadable through the activation framework: read the parts from the bytes below
        }
        try {
            if (part instanceof jakarta.mail.internet.MimePart mime) {
                MimeMultipart multipart = new MimeMultipart(new jakarta.mail.internet.MimePartDataSource(mime));
                multipart.getCount();
                return multipart;
            }
        } catch (Exception e) {
            // not a readable multipart: the caller reads it as text
        }
        return null;
    }

    private static int count(Multipart multipart) {
        try {
            return multipart.getCount();
        } catch (MessagingException e) {
            return 0;
        }
    }

    private static BodyPart child(Multipart multipart, int index) {
        try {
            return multipart.getBodyPart(index);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String contentType(Part part) {
        try {
            String value = part.getContentType();
            if (value == null) {
                return "text/plain";
            }
            return new ContentType(value).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            return "text/plain";
        }
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            return "application/octet-stream";
        }
    }

    private static String fate(Part part) {
        try {
            String[] values = part.getHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String fateName(String header) {
        String name = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "redacted", "quarantined" -> name;
            default -> "kept";
        };
    }

    private static String fateReason(String header) {
        if (header == null) {
            return null;
        }
        var matcher = java.util.regex.Pattern.compile("reason=\"?([^\"]*)\"?").matcher(header);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** A file name as agents see it and as notifications write it: raw 8-bit bytes read by the body's rule, on one line. */
    private static String shownName(String fileName) {
        return HeaderText.oneLine(fileName);
    }

    /** The decoded file name ({@link FileNames}: RFC 2231, encoded words, raw 8-bit, in any charset), or null. */
    static String fileName(Part part) {
        return FileNames.of(part);
    }

    /** The first {@code MAX_TEXT_BYTES} decoded bytes of a part (its raw bytes when they cannot be decoded). */
    private static byte[] textBytes(Part part) throws IOException, MessagingException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes((int) MAX_TEXT_BYTES);
        } catch (IOException | MessagingException e) {
            try (InputStream in = rawStream(part)) {
                return in.readNBytes((int) MAX_TEXT_BYTES);
            }
        }
    }

    /** The text of a part, in the charset {@link BodyCharset} decides (the rule the mailets read it by). */
    private static String decode(Part part, String type) {
        try {
            return BodyCharset.decode(part.getContentType(), textBytes(part));
        } catch (Exception e) {
            return "";
        }
    }
}
