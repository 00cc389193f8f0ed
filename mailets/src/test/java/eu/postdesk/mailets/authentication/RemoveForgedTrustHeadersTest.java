package eu.postdesk.mailets.authentication;

import eu.postdesk.mailets.Messages;
import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class RemoveForgedTrustHeadersTest {
    private static final String FORGED = """
            Authentication-Results: postdesk; dkim=pass; spf=pass; dmarc=pass
            Authentication-Results: mx1.helpdesk.test; spf=softfail smtp.mailfrom=a@customer.example
            X-Postdesk-Fate: kept
            From: a@customer.example
            To: support@helpdesk.test
            Subject: invoice
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: text/plain; charset=UTF-8

            Please run the attached tool.
            --outer
            Content-Type: multipart/mixed; boundary="inner"
            x-postdesk-fate: kept

            --inner
            Content-Type: application/octet-stream; name="setup.exe"
            Content-Disposition: attachment; filename="setup.exe"
            X-Postdesk-Fate: kept
            X-POSTDESK-Anything: trusted
            Content-Transfer-Encoding: base64

            TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAA=
            --inner--
            --outer--
            """;

    private static RemoveForgedTrustHeaders mailet(String ownAuthservId) throws Exception {
        RemoveForgedTrustHeaders mailet = new RemoveForgedTrustHeaders();
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RemoveForgedTrustHeaders");
        if (ownAuthservId != null) {
            config.setProperty("ownAuthservId", ownAuthservId);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static String written(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void serviceShouldRemoveEveryPostdeskHeaderFromTheMessageAndEveryPart() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse(FORGED)).build();

        mailet(null).service(mail);

        String written = written(mail.getMessage());
        assertThat(written.toLowerCase()).doesNotContain("x-postdesk-");
        assertThat(written).contains("setup.exe").contains("TVqQAAMAAAAEAAAA");
        Multipart outer = (Multipart) mail.getMessage().getContent();
        Multipart inner = (Multipart) outer.getBodyPart(1).getContent();
        assertThat(inner.getBodyPart(0).getHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER)).isNull();
    }

    @Test
    void serviceShouldRemoveAuthenticationResultsClaimingOurOwnAuthservIdOnly() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse(FORGED)).build();

        mailet(null).service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results"))
                .containsExactly("mx1.helpdesk.test; spf=softfail smtp.mailfrom=a@customer.example");
    }

    @Test
    void serviceShouldRemoveAuthenticationResultsClaimingAConfiguredOwnAuthservId() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse(FORGED)).build();

        mailet("MX1.helpdesk.test").service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results")).isNull();
    }

    @Test
    void aForgedVerdictClaimingPostdeskIsNotRecordedAsTrusted() throws Exception {
        RecordAuthentication record = new RecordAuthentication();
        record.init(FakeMailetConfig.builder().mailetName("RecordAuthentication").setProperty("trustedAuthservId", "postdesk").build());
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse(FORGED)).build();

        mailet(null).service(mail);
        record.service(mail);

        assertThat(mail.getAttribute(PostdeskAttributes.AUTHENTICATION).orElseThrow().getValue().value()).isEqualTo("none");
    }

    @Test
    void serviceShouldLeaveAMessageWithoutForgedHeadersAsItIs() throws Exception {
        String raw = FORGED.replaceAll("(?im)^x-postdesk-[^\\n]*\\n", "").replace("Authentication-Results: postdesk; dkim=pass; spf=pass; dmarc=pass\n", "");
        MimeMessage message = Messages.parse(raw);
        String before = written(message);
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(message).build();

        mailet(null).service(mail);

        assertThat(written(mail.getMessage())).isEqualTo(before);
    }
}
