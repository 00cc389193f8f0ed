package eu.postdesk.mailets.noise;

import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static eu.postdesk.mailets.noise.Mails.customerMail;
import static eu.postdesk.mailets.noise.Mails.init;
import static org.assertj.core.api.Assertions.assertThat;

class IsBounceTest {

    private IsBounce matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = init(new IsBounce());
    }

    @Test
    void matchShouldMatchTheNullReversePath() throws Exception {
        Mail mail = FakeMail.builder().name("bounce")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("someone@example.com").setText("x"))
                .sender(MaybeSender.nullSender()).recipient(Mails.SUPPORT).build();

        assertThat(matcher.match(mail)).containsExactly(mail.getRecipients().iterator().next());
    }

    @Test
    void matchShouldMatchDeliveryStatusReports() throws Exception {
        Mail mail = Mails.rawMail("""
                From: relay@example.com
                To: support@helpdesk.test
                Subject: Returned mail
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Delivery failed.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: rfc822; gone@example.com
                Action: failed
                Status: 5.1.1
                --b--
                """);

        assertThat(matcher.match(mail)).isNotEmpty();
    }

    @Test
    void matchShouldMatchMailerDaemonAndPostmasterSenders() throws Exception {
        for (String daemon : new String[] {"MAILER-DAEMON@mx.example.com", "postmaster@example.com"}) {
            Mail mail = FakeMail.builder().name("bounce")
                    .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom(daemon).setText("x"))
                    .sender(daemon).recipient(Mails.SUPPORT).build();
            assertThat(matcher.match(mail)).as(daemon).isNotEmpty();
        }
    }

    @Test
    void matchShouldMatchMailerDaemonInFromWhenTheEnvelopeWasRewritten() throws Exception {
        Mail mail = FakeMail.builder().name("bounce")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                        .addFrom("Mail Delivery System <MAILER-DAEMON@mx.example.com>").setText("x"))
                .sender("srs0=abc@forwarder.example").recipient(Mails.SUPPORT).build();

        assertThat(matcher.match(mail)).isNotEmpty();
    }

    @Test
    void matchShouldNotMatchACustomerForwardingABounce() throws Exception {
        assertThat(matcher.match(customerMail("Fwd: Undeliverable: invoice"))).isEmpty();
    }

    @Test
    void matchShouldMatchTheExchangeNdrOfCase025() throws Exception {
        assertThat(matcher.match(Mails.fixture("025-dsn-bounce.eml"))).isNotEmpty();
    }

    @Test
    void matchShouldMatchCase025EvenWithASenderGiven() throws Exception {
        Mail mail = Mails.fixture("025-dsn-bounce.eml");
        mail = FakeMail.builder().name("ndr").mimeMessage(mail.getMessage())
                .sender("relay@fuchs-holz.example").recipient(Mails.SUPPORT).build();

        assertThat(matcher.match(mail)).isNotEmpty();
    }
}
