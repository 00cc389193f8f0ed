package eu.postdesk.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.Test;

import eu.postdesk.mailets.mime.HeaderText;

class LetterTest {
    private static final String INJECTED = "\r\nBcc: victim@example.test\r\nX-Injected: yes";

    /** The letter as a mail server receives it: written out and parsed again. */
    private static MimeMessage sent(Letter letter) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        letter.build().writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<String> headerNames(Part part) throws Exception {
        return Collections.list(part.getAllHeaders()).stream().map(jakarta.mail.Header::getName).toList();
    }

    @Test
    void aFileNameWithLineBreaksCannotAddHeadersToItsPart() throws Exception {
        Letter letter = Letter.of("notify", 7, "helpdesk.test").from("support@helpdesk.test", null, "support@helpdesk.test")
                .to("agent@corp.test").subject("s").text("body")
                .enclosures(List.of(new Letter.Enclosure("invoice.pdf" + INJECTED, "application/pdf; name=\"x\"",
                        new ByteArrayDataSource("bytes".getBytes(StandardCharsets.US_ASCII), "application/pdf"))));

        MimeMessage sent = sent(letter);

        Part enclosed = ((Multipart) sent.getContent()).getBodyPart(1);
        assertThat(headerNames(enclosed)).doesNotContain("Bcc", "X-Injected");
        assertThat(headerNames(sent)).doesNotContain("Bcc", "X-Injected");
        assertThat(enclosed.getFileName()).isEqualTo("invoice.pdf Bcc: victim@example.test X-Injected: yes");
        assertThat(enclosed.getContentType()).startsWith("application/pdf");
    }

    @Test
    void aSubjectAndADisplayNameWithLineBreaksStayOnTheirLine() throws Exception {
        Letter letter = Letter.of("notify", 7, "helpdesk.test")
                .from("support@helpdesk.test", "Mallory" + INJECTED, "support@helpdesk.test")
                .to("agent@corp.test").subject("[#7] Hello" + INJECTED + "\u2028X-Other: 1").text("body");

        MimeMessage sent = sent(letter);

        assertThat(headerNames(sent)).doesNotContain("Bcc", "X-Injected", "X-Other");
        assertThat(sent.getSubject()).isEqualTo("[#7] Hello Bcc: victim@example.test X-Injected: yes X-Other: 1");
        assertThat(HeaderText.oneLine("a\u0000b\u0085c\td")).isEqualTo("a b c d");
    }
}
