package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.Messages;
import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoveReadReceiptRequestsTest {
    private static final String RAW = """
            From: a@customer.example
            To: support@helpdesk.test
            Subject: Receipt please
            Message-ID: <r1@customer.example>
            Disposition-Notification-To: a@customer.example
            Return-Receipt-To: <receipts@customer.example>
            X-Confirm-Reading-To: a@customer.example
            Generate-Delivery-Report: yes
            X-Originating-IP: [192.0.2.7]
            Content-Type: text/plain

            Hello
            """;

    @Test
    void serviceShouldRemoveReadReceiptRequestsAndKeepOtherHeaders() throws Exception {
        RemoveReadReceiptRequests mailet = new RemoveReadReceiptRequests();
        mailet.init(FakeMailetConfig.builder().mailetName("RemoveReadReceiptRequests").build());
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse(RAW)).build();

        mailet.service(mail);

        var message = Messages.roundTrip(mail.getMessage());
        for (String header : RemoveReadReceiptRequests.READ_RECEIPT_HEADERS) {
            assertThat(message.getHeader(header)).as(header).isNull();
        }
        assertThat(message.getHeader("X-Originating-IP")).isNotNull();
        assertThat(message.getMessageID()).isEqualTo("<r1@customer.example>");
        assertThat(TrackingReport.counts(mail, PostdeskAttributes.TRACKERS_BY_KIND)).containsExactly(
                java.util.Map.entry(Removals.READ_RECEIPT, 4));
    }

    @Test
    void serviceShouldRemoveConfiguredSenderHeaders() throws Exception {
        RemoveReadReceiptRequests mailet = new RemoveReadReceiptRequests();
        mailet.init(FakeMailetConfig.builder().mailetName("RemoveReadReceiptRequests")
                .setProperty("senderHeaders", "X-Originating-IP, X-Sender-IP").build());
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse(RAW)).build();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Originating-IP")).isNull();
        assertThat(TrackingReport.counts(mail, PostdeskAttributes.TRACKERS_BY_KIND)).containsEntry(Removals.SENDER_HEADER, 1);
    }

    @Test
    void initShouldRefuseAHeaderNameWithAColon() {
        assertThatThrownBy(() -> new RemoveReadReceiptRequests().init(FakeMailetConfig.builder()
                .mailetName("RemoveReadReceiptRequests").setProperty("senderHeaders", "X-Originating-IP: 1").build()))
                .isInstanceOf(MailetException.class).hasMessageContaining("senderHeaders");
    }
}
