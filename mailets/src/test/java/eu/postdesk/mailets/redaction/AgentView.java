package eu.postdesk.mailets.redaction;

import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What an agent would get from a redacted message: it is written out and parsed again (as the
 * server would store it), and every part is looked at as bytes and as the text Tika extracts.
 */
final class AgentView {
    record Attachment(String name, String fate, String contentType, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final AutoDetectParser TIKA = new AutoDetectParser();

    final MimeMessage message;
    final List<Attachment> attachments = new ArrayList<>();
    private final StringBuilder everything = new StringBuilder();

    private AgentView(MimeMessage message) throws Exception {
        this.message = message;
        walk(message);
    }

    static AgentView of(MimeMessage redacted) throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        redacted.writeTo(written);
        return new AgentView(new MimeMessage(Session.getDefaultInstance(new Properties()), new ByteArrayInputStream(written.toByteArray())));
    }

    static MimeMessage load(String resource) throws Exception {
        try (InputStream in = AgentView.class.getResourceAsStream("/redaction/" + resource)) {
            return new MimeMessage(Session.getDefaultInstance(new Properties()), in);
        }
    }

    Attachment attachment(String name) {
        return findAttachment(name).orElseThrow(() -> new AssertionError("no attachment named " + name + " in " + attachments));
    }

    Optional<Attachment> findAttachment(String name) {
        return attachments.stream().filter(attachment -> name.equals(attachment.name())).findFirst();
    }

    /** The subject, every decoded part, and the text extracted from every part, as one string. */
    String everything() {
        return everything.toString();
    }

    private void walk(Part part) throws Exception {
        if (part instanceof MimeMessage mime && mime.getSubject() != null) {
            everything.append(mime.getSubject()).append('\n');
        }
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i));
            }
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String name = part.getFileName() == null ? null : MimeUtility.decodeText(part.getFileName());
        if (name != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            String[] fate = part.getHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER);
            attachments.add(new Attachment(name, fate == null ? null : fate[0], part.getContentType(), bytes));
        }
        everything.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
        everything.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
        everything.append(extractedText(bytes)).append('\n');
        if (content instanceof MimeMessage attached) {
            walk(attached);
        }
    }

    static String extractedText(byte[] bytes) {
        BodyContentHandler handler = new BodyContentHandler(-1);
        ParseContext context = new ParseContext();
        context.set(Parser.class, TIKA);
        try (TikaInputStream stream = TikaInputStream.get(bytes)) {
            TIKA.parse(stream, handler, new Metadata(), context);
        } catch (Exception e) {
            return "";
        }
        return handler.toString();
    }

    static Metadata metadata(byte[] bytes) throws Exception {
        Metadata metadata = new Metadata();
        try (TikaInputStream stream = TikaInputStream.get(bytes)) {
            TIKA.parse(stream, new BodyContentHandler(-1), metadata, new ParseContext());
        }
        return metadata;
    }
}
