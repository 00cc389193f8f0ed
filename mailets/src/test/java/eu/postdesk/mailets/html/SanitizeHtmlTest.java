package eu.postdesk.mailets.html;

import eu.postdesk.mailets.Messages;
import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SanitizeHtmlTest {
    private final SanitizeHtml mailet = new SanitizeHtml();

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("SanitizeHtml").build());
    }

    private static Optional<Object> remoteContent(FakeMail mail) {
        return mail.getAttribute(PostdeskAttributes.HTML_REMOTE_CONTENT).map(a -> a.getValue()).map(AttributeValue::value);
    }

    @Test
    void serviceShouldSanitiseHtmlBodiesAndFlagRemoteImages() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse("""
                From: a@customer.example
                To: support@helpdesk.test
                Subject: x
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/plain; charset=utf-8

                <script> in plain text is just text
                --b
                Content-Type: text/html; charset=utf-8

                <p>Hi</p><script>steal()</script><img src="https://cdn.shop.example/a.png">
                --b--
                """)).build();

        mailet.service(mail);

        var message = Messages.roundTrip(mail.getMessage());
        assertThat(Messages.html(message)).singleElement().asString().contains("<p>Hi</p>", "https://cdn.shop.example/a.png")
                .doesNotContain("script", "steal");
        assertThat(Messages.text(message)).singleElement().asString().contains("<script> in plain text");
        assertThat(remoteContent(mail)).contains(true);
    }

    @Test
    void serviceShouldSanitiseHtmlAttachmentsAndMakeSvgAttachmentsInert() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse("""
                From: a@customer.example
                To: support@helpdesk.test
                Subject: x
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=utf-8

                See the files.
                --b
                Content-Type: text/html; charset=utf-8
                Content-Disposition: attachment; filename="offer.html"

                <html><body><p>Offer 12</p><script>steal()</script><a href="javascript:steal()">x</a></body></html>
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="plan.svg"

                <svg xmlns="http://www.w3.org/2000/svg" onload="steal()"><script>steal()</script><rect width="4" height="4"/></svg>
                --b--
                """)).build();

        mailet.service(mail);

        var leaves = Messages.leaves(Messages.roundTrip(mail.getMessage()));
        String html = new String(leaves.get(1).bytes(), java.nio.charset.StandardCharsets.UTF_8);
        String svg = new String(leaves.get(2).bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("<p>Offer 12</p>", "<meta charset=\"UTF-8\">").doesNotContain("steal");
        assertThat(leaves.get(1).contentType()).startsWith("text/html");
        assertThat(svg).contains("<rect width=\"4\" height=\"4\" />").doesNotContain("steal").doesNotContain("script");
        assertThat(leaves.get(2).contentType()).startsWith("application/octet-stream");
        assertThat(Messages.text(Messages.roundTrip(mail.getMessage()))).singleElement().asString().contains("See the files.");
    }

    @Test
    void serviceShouldReportNoRemoteContentForInlineImagesOnly() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse("""
                From: a@customer.example
                To: support@helpdesk.test
                Subject: x
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <p>Hi</p><img src="cid:shot">
                """)).build();

        mailet.service(mail);

        assertThat(remoteContent(mail)).contains(false);
    }
}
