package eu.postdesk.mailets.mime;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class BodyTextTest {

    private static MimeBodyPart part(String headers) throws Exception {
        return new MimeBodyPart(new ByteArrayInputStream((headers + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void inlineTextAndHtmlAreTheBody() throws Exception {
        assertThat(BodyText.isPlain(part("Content-Type: text/plain; charset=utf-8"))).isTrue();
        assertThat(BodyText.isHtml(part("Content-Type: text/html"))).isTrue();
        assertThat(BodyText.is(part("Content-Disposition: inline"))).isTrue();
        MimeMessage untyped = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream("Subject: x\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(BodyText.isPlain(untyped)).isTrue();
    }

    @Test
    void aFileNameOrAnAttachmentDispositionMakesAnAttachment() throws Exception {
        assertThat(BodyText.is(part("Content-Type: text/plain\r\nContent-Disposition: inline; filename=\"notes.txt\""))).isFalse();
        assertThat(BodyText.is(part("Content-Type: text/html; name=\"offer.html\""))).isFalse();
        assertThat(BodyText.is(part("Content-Type: text/plain\r\nContent-Disposition: attachment"))).isFalse();
    }

    @Test
    void otherTextTypesAreAttachments() throws Exception {
        assertThat(BodyText.is(part("Content-Type: text/csv"))).isFalse();
        assertThat(BodyText.is(part("Content-Type: text/calendar; method=REQUEST"))).isFalse();
    }

    @Test
    void brokenParametersStillReadTheType() throws Exception {
        assertThat(BodyText.isPlain(part("Content-Type: text/plain; charset=\"utf-8"))).isTrue();
    }
}
