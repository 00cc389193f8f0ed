package eu.postdesk.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;


import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import eu.postdesk.mailets.html.SanitizeHtml;
import eu.postdesk.mailets.redaction.RedactSensitiveData;
import eu.postdesk.mailets.tracking.RemoveReadReceiptRequests;
import eu.postdesk.mailets.tracking.StripTracking;
import eu.postdesk.spool.SpooledMail;
import eu.postdesk.tickets.MessageContent;

/** The privacy mailets in the order of the shipped chain keep each other's changes on the server's own Mail. */
class PrivacyChainTest {

    /** A spooled message through the privacy mailets, on the James Mail the server builds (a MimeMessageWrapper). */
    private static MessageContent throughTheChain(String resource) throws Exception {
        byte[] raw;
        try (var in = PrivacyChainTest.class.getResourceAsStream("/mail/" + resource)) {
            raw = in.readAllBytes();
        }
        Mail mail = IncomingMail.of(new SpooledMail(1, "customer@example.test", List.of("support@helpdesk.test"),
                java.time.Instant.now(), raw.length), new jakarta.mail.util.SharedByteArrayInputStream(raw));
        for (Mailet mailet : List.of(new RemoveReadReceiptRequests(), new StripTracking(), new RedactSensitiveData(), new SanitizeHtml())) {
            mailet.init(FakeMailetConfig.builder().mailetName(mailet.getClass().getSimpleName()).build());
            mailet.service(mail);
        }
        return MessageContent.of(mail.getMessage());
    }

    @Test
    void aRedactedAttachmentStaysRedactedOnTheServersMail() throws Exception {
        MessageContent content = throughTheChain("txt-and-png-attachments.eml");

        assertThat(content.attachments()).extracting(MessageContent.Attachment::name, MessageContent.Attachment::fate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("zugang.txt", "redacted"), org.assertj.core.groups.Tuple.tuple("fehlermeldung.png", "kept"));
        java.nio.file.Path rendition = java.nio.file.Files.createTempFile("rendition-", ".txt");
        content.attachments().get(0).writeTo(rendition);
        assertThat(java.nio.file.Files.readString(rendition))
                .contains("Passwort").contains("***");
    }

    @Test
    void trackingRemovedByOneMailetStaysRemovedAfterTheOthersRan() throws Exception {
        MessageContent content = throughTheChain("mailchimp-forward.eml");

        assertThat(content.text()).doesNotContain("list-manage.com/track/click").doesNotContain("mc_eid=")
                .contains("https://www.booktrade.example/events/spring-fair");
        assertThat(content.html()).doesNotContain("list-manage.com").doesNotContain("utm_source=");
    }
}
