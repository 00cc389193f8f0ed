package eu.postdesk.mailets.noise;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.InputStream;
import java.util.Properties;

/** Builds the mails the noise tests feed to the matchers. */
final class Mails {

    static final String SUPPORT = "support@helpdesk.test";
    static final String CUSTOMER = "anna.kowalska@example.com";

    private Mails() {
    }

    /** A mail whose envelope follows the acceptance runner: Return-Path when present, else From. */
    static Mail fixture(String name) throws Exception {
        MimeMessage message;
        try (InputStream in = Mails.class.getResourceAsStream("/noise/" + name)) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        MaybeSender sender;
        String[] returnPath = message.getHeader("Return-Path");
        if (returnPath != null) {
            sender = MaybeSender.getMailSender(returnPath[0].replace("<", "").replace(">", "").strip());
        } else {
            sender = MaybeSender.of(new MailAddress(((InternetAddress) message.getFrom()[0]).getAddress()));
        }
        return FakeMail.builder().name(name).mimeMessage(message).sender(sender).recipient(SUPPORT).build();
    }

    /** A mail from a customer to support with the headers given as name, value pairs. */
    static Mail customerMail(String subject, String... headers) throws MessagingException {
        MimeMessageBuilder builder = MimeMessageBuilder.mimeMessageBuilder()
                .addFrom(CUSTOMER)
                .addToRecipient(SUPPORT)
                .setSubject(subject)
                .setText("Hello, the invoice export fails.");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.addHeader(headers[i], headers[i + 1]);
        }
        return FakeMail.builder().name("mail").mimeMessage(builder).sender(CUSTOMER).recipient(SUPPORT).build();
    }

    /** A mail from a customer to support whose message is the given raw text (LF line ends are fine). */
    static Mail rawMail(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return FakeMail.builder().name("raw").mimeMessage(message).sender(CUSTOMER).recipient(SUPPORT).build();
    }

    static <M extends Matcher> M init(M matcher, String condition) throws MessagingException {
        matcher.init(FakeMatcherConfig.builder().matcherName(matcher.getClass().getSimpleName())
                .condition(condition).build());
        return matcher;
    }

    static <M extends Matcher> M init(M matcher) throws MessagingException {
        return init(matcher, null);
    }
}
