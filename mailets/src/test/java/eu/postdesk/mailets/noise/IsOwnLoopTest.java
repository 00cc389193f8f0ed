package eu.postdesk.mailets.noise;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.mail.MessagingException;

import static eu.postdesk.mailets.noise.Mails.customerMail;
import static eu.postdesk.mailets.noise.Mails.init;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsOwnLoopTest {

    private IsOwnLoop matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = init(new IsOwnLoop(), "support@helpdesk.test, billing@helpdesk.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"support@helpdesk.test", "<Support@Helpdesk.test>", "Helpdesk <billing@helpdesk.test>",
            "support+42-k3x9@helpdesk.test"})
    void matchShouldMatchXLoopNamingOurAddress(String xLoop) throws Exception {
        assertThat(matcher.match(customerMail("Fwd: ack", "X-Loop", xLoop))).isNotEmpty();
    }

    @Test
    void matchShouldNotMatchXLoopOfSomeoneElse() throws Exception {
        assertThat(matcher.match(customerMail("Question", "X-Loop", "crm@customer.example"))).isEmpty();
    }

    @Test
    void matchShouldMatchMailFromOurAddress() throws Exception {
        Mail mail = FakeMail.builder().name("own")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("Helpdesk <support@helpdesk.test>").setText("x"))
                .sender("bounces@relay.example").recipient(Mails.SUPPORT).build();

        assertThat(matcher.match(mail)).isNotEmpty();
    }

    @Test
    void matchShouldMatchOurEnvelopeSender() throws Exception {
        Mail mail = FakeMail.builder().name("own")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("someone@example.com").setText("x"))
                .sender("support@helpdesk.test").recipient(Mails.SUPPORT).build();

        assertThat(matcher.match(mail)).isNotEmpty();
    }

    @Test
    void matchShouldMatchTheReturnedAcknowledgementOfCase027() throws Exception {
        IsOwnLoop support = init(new IsOwnLoop(), "support@helpdesk.test");

        assertThat(support.match(Mails.fixture("027-x-loop-returned-ack.eml"))).isNotEmpty();
    }

    @Test
    void initShouldThrowWithoutAddresses() {
        assertThatThrownBy(() -> init(new IsOwnLoop(), " "))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("IsOwnLoop=support@helpdesk.test");
    }

    @Test
    void initShouldThrowOnSomethingThatIsNotAnAddress() {
        assertThatThrownBy(() -> init(new IsOwnLoop(), "support@helpdesk.test, not an address"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("not an address");
    }
}
