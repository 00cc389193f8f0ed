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
