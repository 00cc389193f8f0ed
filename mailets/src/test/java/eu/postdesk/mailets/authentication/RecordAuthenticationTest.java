package eu.postdesk.mailets.authentication;

import eu.postdesk.mailets.Messages;
import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordAuthenticationTest {
    private final RecordAuthentication mailet = new RecordAuthentication();

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("RecordAuthentication")
                .setProperty("trustedAuthservId", "mx1.helpdesk.test").build());
    }

    private String verdictOf(String headers) throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse(
                headers + "From: a@customer.example\nTo: support@helpdesk.test\nSubject: x\n\nHello\n")).build();
        mailet.service(mail);
        return (String) mail.getAttribute(PostdeskAttributes.AUTHENTICATION).orElseThrow().getValue().value();
    }

    @Test
    void serviceShouldRecordTheTrustedVerdict() throws Exception {
        String verdict = verdictOf("""
                Authentication-Results: mx1.helpdesk.test;
                \tdkim=pass (2048-bit key; unprotected) header.d=customer.example header.s=s1;
                \tspf=pass (mx1: domain of a@customer.example designates 192.0.2.1) smtp.mailfrom=a@customer.example;
                \tdmarc=pass (p=reject dis=none) header.from=customer.example
                """);

        assertThat(verdict).isEqualTo("dkim=pass; spf=pass; dmarc=pass");
    }

    @Test
    void serviceShouldIgnoreVerdictsFromOtherAuthservIds() throws Exception {
        String verdict = verdictOf("""
                Authentication-Results: mx.attacker.example; dkim=pass; spf=pass; dmarc=pass
                Authentication-Results: mx1.helpdesk.test 1; spf=softfail smtp.mailfrom=a@customer.example; dkim=none
                """);

        assertThat(verdict).isEqualTo("spf=softfail; dkim=none");
    }

    @Test
    void serviceShouldRecordNoneWithoutATrustedHeader() throws Exception {
        assertThat(verdictOf("Authentication-Results: mx.other.example; dmarc=pass\n")).isEqualTo("none");
        assertThat(verdictOf("")).isEqualTo("none");
        assertThat(verdictOf("Authentication-Results: mx1.helpdesk.test; none\n")).isEqualTo("none");
    }

    @Test
    void initShouldRequireTheTrustedAuthservId() {
        assertThatThrownBy(() -> new RecordAuthentication().init(FakeMailetConfig.builder().mailetName("RecordAuthentication").build()))
                .isInstanceOf(MailetException.class).hasMessageContaining("trustedAuthservId");
    }
}
