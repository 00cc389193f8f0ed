package eu.postdesk.mailets.noise;

import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordNoiseTest {

    private static RecordNoise mailet(String reason, String processor) throws Exception {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RecordNoise");
        if (reason != null) {
            config.setProperty("reason", reason);
        }
        if (processor != null) {
            config.setProperty("processor", processor);
        }
        RecordNoise mailet = new RecordNoise();
        mailet.init(config.build());
        return mailet;
    }

    @Test
    void serviceShouldRecordTheReasonAndRouteToTheProcessor() throws Exception {
        Mail mail = Mails.customerMail("Out of Office: x");

        mailet("auto-reply", "noise").service(mail);

        assertThat(mail.getAttribute(PostdeskAttributes.NOISE_REASON))
                .contains(new Attribute(PostdeskAttributes.NOISE_REASON, AttributeValue.of("auto-reply")));
        assertThat(mail.getState()).isEqualTo("noise");
    }

    @Test
    void serviceShouldLeaveTheStateWithoutAProcessor() throws Exception {
        Mail mail = Mails.customerMail("x");
        String before = mail.getState();

        mailet("bulk", null).service(mail);

        assertThat(mail.getState()).isEqualTo(before);
        assertThat(mail.getAttribute(PostdeskAttributes.NOISE_REASON)).isPresent();
    }

    @Test
    void serviceShouldKeepTheFirstReason() throws Exception {
        Mail mail = Mails.customerMail("x");

        mailet("loop", null).service(mail);
        mailet("bounce", null).service(mail);

        assertThat(mail.getAttribute(PostdeskAttributes.NOISE_REASON).orElseThrow().getValue().value())
                .isEqualTo("loop");
    }

    @Test
    void initShouldThrowWhenReasonIsMissing() {
        assertThatThrownBy(() -> mailet(null, "noise"))
                .isInstanceOf(MailetException.class)
                .hasMessageContaining("<reason>");
    }

    @Test
    void initShouldThrowWhenReasonIsNotAWord() {
        assertThatThrownBy(() -> mailet("Auto Reply!", "noise")).isInstanceOf(MailetException.class);
    }
}
