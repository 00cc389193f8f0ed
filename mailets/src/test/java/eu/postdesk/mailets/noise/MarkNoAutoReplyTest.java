package eu.postdesk.mailets.noise;

import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkNoAutoReplyTest {

    @Test
    void serviceShouldForbidAutoRepliesAndKeepTheMailInItsProcessor() throws Exception {
        MarkNoAutoReply mailet = new MarkNoAutoReply();
        mailet.init(FakeMailetConfig.builder().mailetName("MarkNoAutoReply").build());
        Mail mail = Mails.customerMail("Question via list", "Precedence", "list");
        String state = mail.getState();

        mailet.service(mail);

        assertThat(mail.getAttribute(PostdeskAttributes.NO_AUTO_REPLY).orElseThrow().getValue().value())
                .isEqualTo(true);
        assertThat(mail.getState()).isEqualTo(state);
    }
}
