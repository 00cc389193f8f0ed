package eu.postdesk.mailets;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Test fixtures: messages from raw text or test resources, and what their bodies say after a mailet ran. */
public final class Messages {
    private Messages() {
    }

    public static MimeMessage parse(String raw) throws MessagingException {
        return parse(raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public static MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    public static MimeMessage resource(String name) throws MessagingException, IOException {
        try (InputStream in = Messages.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + name);
            }
            return parse(in.readAllBytes());
        }
    }

    /** The message as written to the wire and read back, as the server would store it. */
    public static MimeMessage roundTrip(MimeMessage message) throws MessagingException, IOException {
        return parse(bytes(message));
    }

    public static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The decoded bodies of every inline text/html part, in order. */
    public static List<String> html(MimeMessage message) throws MessagingException, IOException {
        List<String> bodies = new ArrayList<>();
        collect(message, "text/html", bodies);
        return bodies;
    }

    /** The decoded bodies of every inline text/plain part, in order. */
    public static List<String> text(MimeMessage message) throws MessagingException, IOException {
        List<String> bodies = new ArrayList<>();
        collect(message, "text/plain", bodies);
        return bodies;
    }

    /** Every leaf part, as content type and decoded bytes. */
    public static List<Leaf> leaves(MimeMessage message) throws MessagingException, IOException {
        List<Leaf> leaves = new ArrayList<>();
        leaves(message, leaves);
        return leaves;
    }

    public record Leaf(String contentType, String contentId, byte[] bytes) {
    }

    private static void leaves(Part part, List<Leaf> leaves) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                leaves(multipart.getBodyPart(i), leaves);
            }
        } else {
            String[] ids = part.getHeader("Content-ID");
            leaves.add(new Leaf(part.getContentType(), ids == null ? null : ids[0], part.getInputStream().readAllBytes()));
        }
    }

    private static void collect(Part part, String type, List<String> bodies) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, type, bodies);
            }
        } else if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            bodies.add((String) part.getContent());
        }
    }
}
