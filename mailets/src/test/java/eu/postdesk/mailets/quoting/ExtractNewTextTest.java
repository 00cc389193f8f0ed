package eu.postdesk.mailets.quoting;

import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtractNewTextTest {

    private static ExtractNewText mailet(String rules) throws Exception {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("ExtractNewText");
        if (rules != null) {
            config.setProperty("rules", rules);
        }
        ExtractNewText mailet = new ExtractNewText();
        mailet.init(config.build());
        return mailet;
    }

    private static Mail mail(MimeMessage message) throws Exception {
        return FakeMail.builder().name("m").mimeMessage(message).sender("anna@example.com")
                .recipient("support@helpdesk.test").build();
    }

    private static MimeMessage raw(String text) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static String newText(Mail mail) {
        return (String) mail.getAttribute(PostdeskAttributes.NEW_TEXT).orElseThrow().getValue().value();
    }

    @Test
    void serviceShouldStoreTheNewTextOfTheGmailReplyOfCase020() throws Exception {
        MimeMessage message;
        try (InputStream in = getClass().getResourceAsStream("/quoting/020-gmail-on-wrote.eml")) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        Mail mail = mail(message);

        mailet(null).service(mail);

        assertThat(newText(mail)).isEqualTo("Hi again,\n\nit is now three employees, all added after 1 February.\n\nJoshua");
    }

    @Test
    void serviceShouldUseTheHtmlPartWhenThereIsNoPlainText() throws Exception {
        Mail mail = mail(raw("""
                From: anna@example.com
                Subject: Re: x
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <p>Yes.</p><blockquote type="cite">Shall we?</blockquote>
                """));

        mailet(null).service(mail);

        assertThat(newText(mail)).isEqualTo("Yes.");
    }

    @Test
    void serviceShouldReadAnUnknownCharsetAsUtf8() throws Exception {
        Mail mail = mail(raw("""
                From: anna@example.com
                Subject: x
                MIME-Version: 1.0
                Content-Type: text/plain; charset=x-no-such-charset

                Hyvää päivää
                > vanha
                """));

        mailet(null).service(mail);

        assertThat(newText(mail)).isEqualTo("Hyvää päivää");
    }

    @Test
    void serviceShouldSkipAttachmentsAndForwardedMessages() throws Exception {
        Mail mail = mail(MimeMessageBuilder.mimeMessageBuilder()
                .setMultipartWithBodyParts(
                        MimeMessageBuilder.bodyPartBuilder().data("notes").disposition("attachment").filename("a.txt"),
                        MimeMessageBuilder.bodyPartBuilder().data("The body."))
                .build());

        mailet(null).service(mail);

        assertThat(newText(mail)).isEqualTo("The body.");
    }

    @Test
    void serviceShouldNotThrowOnABrokenMultipart() throws Exception {
        Mail mail = mail(raw("""
                From: anna@example.com
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never"

                no boundary ever comes
                """));

        mailet(null).service(mail);

        assertThat(mail.getAttribute(PostdeskAttributes.NEW_TEXT)).isEmpty();
    }

    @Test
    void initShouldThrowWhenRulesIsNotAFolder(@TempDir Path dir) {
        assertThatThrownBy(() -> mailet(dir.resolve("nope").toString()))
                .isInstanceOf(MailetException.class)
                .hasMessageContaining("<rules>");
    }

    @Test
    void serviceShouldFindTheTextSixtyLevelsDeepInAnUnknownCharset() throws Exception {
        StringBuilder raw = new StringBuilder("From: anna@example.com\nSubject: deep\nMIME-Version: 1.0\n");
        for (int level = 0; level < 60; level++) {
            raw.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\n\n--b").append(level).append("\n");
        }
        raw.append("Content-Type: text/plain; charset=x-unknown-8bit\n\nVarmuuskopio VK-5521 epäonnistui.\n");
        for (int level = 59; level >= 0; level--) {
            raw.append("--b").append(level).append("--\n");
        }
        Mail mail = mail(raw(raw.toString()));

        mailet(null).service(mail);

        assertThat(newText(mail)).isEqualTo("Varmuuskopio VK-5521 epäonnistui.");
    }
}
