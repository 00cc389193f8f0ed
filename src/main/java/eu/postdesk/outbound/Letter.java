package eu.postdesk.outbound;

import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import eu.postdesk.mailets.mime.HeaderText;

/**
 * A mail Postdesk writes: always from a support address, always with our {@code X-Loop} and a
 * {@code Message-ID} in our domain, so that loops are caught and replies thread.
 */
public final class Letter {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MimeMessage message = new MimeMessage(SESSION);
    private final String messageId;
    private String text = "";
    private String html;
    private List<Enclosure> enclosures = List.of();

    /** A file sent along with a letter, read from its source when the letter is written out. */
    public record Enclosure(String name, String contentType, jakarta.activation.DataSource content) {
    }

    private Letter(String messageId) {
        this.messageId = messageId;
    }

    /** A new letter whose Message-ID names its kind and ticket, in the given domain. */
    public static Letter of(String kind, long ticketNumber, String domain) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return new Letter("<" + kind + "." + ticketNumber + "." + HexFormat.of().formatHex(random) + "@" + domain + ">");
    }

    public String messageId() {
        return messageId;
    }

    public Letter from(String address, String displayName, String loopAddress) throws MessagingException {
        try {
            message.setFrom(displayName == null ? new InternetAddress(address)
                    : new InternetAddress(address, HeaderText.oneLine(displayName), "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode the display name", e);
        }
        message.setHeader("X-Loop", loopAddress);
        return this;
    }

    public Letter to(String address) throws MessagingException {
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(address));
        return this;
    }

    public Letter replyTo(String address) throws MessagingException {
        message.setReplyTo(new InternetAddress[] {new InternetAddress(address)});
        return this;
    }

    public Letter subject(String subject) throws MessagingException {
        message.setSubject(HeaderText.oneLine(subject), "UTF-8");
        return this;
    }

    /** Continues a thread: In-Reply-To the last message, References the whole chain (bounded). */
    public Letter threadedTo(String inReplyTo, List<String> references) throws MessagingException {
        // Message-IDs come from the customer's headers too: one line each, like every customer text we write
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", HeaderText.oneLine(inReplyTo));
        }
        List<String> chain = references.size() > 20 ? references.subList(references.size() - 20, references.size()) : references;
        if (!chain.isEmpty()) {
            message.setHeader("References", MimeUtility.fold(12, HeaderText.oneLine(String.join(" ", chain))));
        }
        return this;
    }

    public Letter header(String name, String value) throws MessagingException {
        message.setHeader(name, HeaderText.oneLine(value));
        return this;
    }

    public Letter text(String text) {
        this.text = text == null ? "" : text;
        return this;
    }

    /** An HTML alternative to the text (multipart/alternative); only for a letter without enclosures. */
    public Letter html(String html) {
        this.html = html;
        return this;
    }

    public Letter enclosures(List<Enclosure> enclosures) {
        this.enclosures = List.copyOf(enclosures);
        return this;
    }

    /** Only the type and subtype of a stored content type: its parameters came from the customer. */
    private static String baseType(String contentType) {
        try {
            return contentType == null ? "application/octet-stream" : new ContentType(contentType).getBaseType();
        } catch (jakarta.mail.internet.ParseException e) {
            return "application/octet-stream";
        }
    }

    public MimeMessage build() throws MessagingException {
        if (enclosures.isEmpty() && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            alternative.addBodyPart(plain);
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            alternative.addBodyPart(rich);
            message.setContent(alternative);
        } else if (enclosures.isEmpty()) {
            message.setText(text, "UTF-8");
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            mixed.addBodyPart(body);
            for (Enclosure enclosure : enclosures) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(enclosure.content()));
                part.setHeader("Content-Type", baseType(enclosure.contentType()));
                // base64 without reading the bytes first to choose an encoding
                part.setHeader("Content-Transfer-Encoding", "base64");
                String name = HeaderText.oneLine(enclosure.name());
                try {
                    part.setFileName(MimeUtility.encodeText(name, "UTF-8", null));
                } catch (java.io.UnsupportedEncodingException e) {
                    part.setFileName(name);
                }
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        message.setSentDate(new Date());
        message.saveChanges();
        // saveChanges() invents a Message-ID; ours is the one recorded for threading
        message.setHeader("Message-ID", messageId);
        return message;
    }
}
