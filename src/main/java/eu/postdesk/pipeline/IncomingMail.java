package eu.postdesk.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.SharedInputStream;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import eu.postdesk.spool.SpooledMail;

/**
 * Turns a spooled message into the {@link Mail} the chain works on. Parsing is lenient; a message
 * whose headers cannot be read at all is salvaged as plain text, so that it can still be filed.
 */
public final class IncomingMail {
    public static final AttributeName SPOOL_ID = AttributeName.of("postdesk.spoolId");
    public static final AttributeName ENVELOPE_SENDER = AttributeName.of("postdesk.envelopeSender");
    /** Old mail brought in by an import: filed, never acknowledged, nobody notified. */
    public static final AttributeName IMPORTED = AttributeName.of("postdesk.imported");
    private static final Session SESSION = Session.getInstance(lenient());
    private static final int SALVAGED_BYTES = 20 * 1024 * 1024;

    private IncomingMail() {
    }

    /** The mail for a spooled message; {@code raw} is the spool's shared stream, open while the mail is in use. */
    public static Mail of(SpooledMail spooled, InputStream raw) throws MessagingException {
        List<MailAddress> recipients = new ArrayList<>();
        for (String recipient : spooled.recipients()) {
            try {
                recipients.add(new MailAddress(recipient));
            } catch (AddressException e) {
                // the ingress accepted only our own addresses, which always parse
            }
        }
        MailImpl mail = MailImpl.builder()
                .name("spool-" + spooled.id())
                .sender(sender(spooled.envelopeFrom()))
                .addRecipients(recipients)
                .addAttribute(new Attribute(SPOOL_ID, AttributeValue.of(spooled.id())))
                .addAttribute(new Attribute(ENVELOPE_SENDER, AttributeValue.of(spooled.envelopeFrom() == null ? "" : spooled.envelopeFrom())))
                .build();
        mail.setMessageNoCopy(message(spooled, raw));
        return mail;
    }

    /**
     * The message James's container works on, read from the spool itself: handing James a parsed
     * MimeMessage would make it copy the whole message and then load the copy into memory.
     */
    private static MimeMessageWrapper message(SpooledMail spooled, InputStream raw) throws MessagingException {
        if (raw instanceof SharedInputStream shared && isReadable(shared.newStream(0, -1))) {
            return new MimeMessageWrapper(SESSION, new MimeMessageSource() {
                @Override
                public String getSourceId() {
                    return "spool-" + spooled.id();
                }

                @Override
                public InputStream getInputStream() {
                    return shared.newStream(0, -1);
                }

                @Override
                public long getMessageSize() {
                    return spooled.size();
                }
            });
        }
        return new MimeMessageWrapper(parse(raw));
    }

    private static boolean isReadable(InputStream raw) {
        try {
            new MimeMessage(SESSION, raw).getContentType();
            return true;
        } catch (MessagingException | RuntimeException unreadable) {
            return false;
        }
    }

    /** Parses from a shared stream, so that the parts' bytes stay where they are until read. */
    static MimeMessage parse(InputStream raw) throws MessagingException {
        try {
            MimeMessage message = new MimeMessage(SESSION, raw instanceof SharedInputStream shared ? shared.newStream(0, -1) : raw);
            message.getContentType();
            return message;
        } catch (MessagingException | RuntimeException unreadable) {
            MimeMessage salvaged = new MimeMessage(SESSION);
            salvaged.setText(salvage(raw), "UTF-8");
            salvaged.setSubject("(unreadable message, salvaged as text)");
            salvaged.saveChanges();
            return salvaged;
        }
    }

    /** The start of an unreadable message as text, bounded so that salvaging cannot exhaust memory. */
    private static String salvage(InputStream raw) {
        InputStream from = raw instanceof SharedInputStream shared ? shared.newStream(0, -1) : raw;
        try {
            return new String(from.readNBytes(SALVAGED_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static MaybeSender sender(String envelopeFrom) {
        if (envelopeFrom == null || envelopeFrom.isBlank()) {
            return MaybeSender.nullSender();
        }
        try {
            return MaybeSender.of(new MailAddress(envelopeFrom));
        } catch (AddressException e) {
            return MaybeSender.nullSender();
        }
    }

    public static long spoolId(Mail mail) {
        return mail.getAttribute(SPOOL_ID).map(a -> ((Number) a.getValue().value()).longValue())
                .orElseThrow(() -> new IllegalStateException("mail " + mail.getName() + " did not come from the spool"));
    }

    /** The envelope sender as the client gave it, or null for the null sender. */
    public static String sender(Mail mail) {
        return mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null);
    }

    /** Jakarta Mail settings for hostile input: tolerate what real clients send. */
    static Properties lenient() {
        Properties properties = new Properties();
        properties.put("mail.mime.address.strict", "false");
        properties.put("mail.mime.decodetext.strict", "false");
        properties.put("mail.mime.parameters.strict", "false");
        properties.put("mail.mime.allowutf8", "true");
        properties.put("mail.mime.multipart.ignoremissingendboundary", "true");
        properties.put("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        properties.put("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        properties.put("mail.mime.multipart.allowempty", "true");
        return properties;
    }
}
