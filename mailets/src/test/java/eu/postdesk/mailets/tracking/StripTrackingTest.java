package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.Messages;
import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripTrackingTest {
    private static final String NEWSLETTER = """
            From: News <news@shop.example>
            To: support@helpdesk.test
            Subject: Spring sale
            Message-ID: <spring-sale-1@shop.example>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/related; boundary="related"

            --related
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=ISO-8859-2; format=flowed
            Content-Transfer-Encoding: quoted-printable

            Wyprzeda=BF wiosenna: https://shop.example/sale?utm_source=news&cat=3
            Buy <https://click.shop.example/ls/click?upn=u001.abc>

            --alt
            Content-Type: text/html; charset=ISO-8859-2
            Content-Transfer-Encoding: quoted-printable

            <html><body><p>Wyprzeda=BF wiosenna</p><img src=3D"cid:logo@shop"><img src=3D"https://cdn.shop.example/logo.png" width=3D"150"><a href=3D"https://shop.example/sale?utm_source=3Dnews&amp;cat=3D3">Sale</a><img src=3D"https://u1.ct.sendgrid.net/wf/open?upn=3Dx" width=3D"1" height=3D"1"></body></html>
            --alt--

            --related
            Content-Type: image/png
            Content-ID: <logo@shop>
            Content-Transfer-Encoding: base64

            iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
            --related--

            --outer
            Content-Type: text/html; charset=UTF-8; name="invoice.html"
            Content-Disposition: attachment; filename="invoice.html"

            <img src="https://u1.ct.sendgrid.net/wf/open?upn=y" width="1" height="1">Invoice
            --outer--
            """;

    private final StripTracking mailet = new StripTracking();

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("StripTracking").build());
    }

    private FakeMail mail(String raw) throws MessagingException {
        return FakeMail.builder().name("mail").mimeMessage(Messages.parse(raw)).recipient("support@helpdesk.test").build();
    }

    @Test
    void serviceShouldRewriteTextBodiesAndHtmlAttachmentsAndKeepStructureCharsetsAndOtherAttachments() throws Exception {
        MimeMessage original = Messages.parse(NEWSLETTER);
        FakeMail mail = mail(NEWSLETTER);

        mailet.service(mail);
        MimeMessage result = Messages.roundTrip(mail.getMessage());

        List<Messages.Leaf> before = Messages.leaves(original);
        List<Messages.Leaf> after = Messages.leaves(result);
        assertThat(after).extracting(Messages.Leaf::contentType).containsExactlyElementsOf(
                before.stream().map(Messages.Leaf::contentType).toList());
        assertThat(after.get(2).bytes()).isEqualTo(before.get(2).bytes());
        // an HTML attachment opens in a browser, which would load its pixel
        assertThat(new String(after.get(3).bytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("Invoice").doesNotContain("sendgrid");
        assertThat(after.get(3).contentType()).contains("invoice.html");
        assertThat(result.getMessageID()).isEqualTo("<spring-sale-1@shop.example>");

        String text = new String(after.get(0).bytes(), Charset.forName("ISO-8859-2"));
        assertThat(text).contains("Wyprzedaż wiosenna: https://shop.example/sale?cat=3", "Buy " + TextLinks.MARKER)
                .doesNotContain("utm_", "ls/click");
        assertThat(after.get(0).contentType()).contains("format=flowed");
        String html = new String(after.get(1).bytes(), Charset.forName("ISO-8859-2"));
        assertThat(html).contains("Wyprzedaż", "cid:logo@shop", "https://cdn.shop.example/logo.png", "href=\"https://shop.example/sale?cat=3\"")
                .doesNotContain("sendgrid", "utm_");
    }

    @Test
    void serviceShouldReportRemovalsByKindAndService() throws Exception {
        FakeMail mail = mail(NEWSLETTER);

        mailet.service(mail);

        assertThat(TrackingReport.counts(mail, PostdeskAttributes.TRACKERS_BY_KIND))
                .containsEntry(Removals.PIXEL, 2).containsEntry(Removals.PARAMETER, 2).containsEntry(Removals.CLICK_WRAPPER, 1);
        assertThat(TrackingReport.counts(mail, PostdeskAttributes.TRACKERS_BY_SERVICE))
                .containsEntry("SendGrid", 3).containsEntry("Urchin (UTM)", 2);
    }

    @Test
    void serviceShouldLeaveAMessageWithoutTrackersByteIdentical() throws Exception {
        String raw = """
                From: a@customer.example
                To: support@helpdesk.test
                Subject: Hello
                Message-ID: <1@customer.example>
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <p>My order <a href="https://shop.example/o?id=5">5</a> <img src="https://cdn.shop.example/x.png"></p>
                """;
        FakeMail mail = mail(raw);
        byte[] before = Messages.bytes(Messages.parse(raw));

        mailet.service(mail);

        assertThat(Messages.bytes(mail.getMessage())).isEqualTo(before);
        assertThat(TrackingReport.counts(mail, PostdeskAttributes.TRACKERS_BY_KIND)).isEmpty();
    }

    @Test
    void serviceShouldAddToCountsOfEarlierMailets() throws Exception {
        FakeMail mail = mail(NEWSLETTER.replace("Subject: Spring sale", "Subject: Spring sale\nReturn-Receipt-To: x@shop.example"));
        RemoveReadReceiptRequests headers = new RemoveReadReceiptRequests();
        headers.init(FakeMailetConfig.builder().mailetName("RemoveReadReceiptRequests").build());

        headers.service(mail);
        mailet.service(mail);

        assertThat(TrackingReport.counts(mail, PostdeskAttributes.TRACKERS_BY_KIND))
                .containsEntry(Removals.READ_RECEIPT, 1).containsEntry(Removals.PIXEL, 2);
    }

    @Test
    void serviceShouldSurviveBrokenMime() throws Exception {
        String raw = """
                From: a@customer.example
                To: support@helpdesk.test
                Subject: broken
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-used"

                <p>no boundary <a href="https://shop.example/?utm_source=x">here</a></p>
                """;
        FakeMail mail = mail(raw);

        mailet.service(mail);

        assertThat(TrackingReport.counts(mail, PostdeskAttributes.TRACKERS_BY_KIND)).isEmpty();
    }

    @Test
    void serviceShouldReadBodiesInUnknownCharsetsWithoutLosingBytes() throws Exception {
        byte[] raw = ("From: a@customer.example\r\nTo: support@helpdesk.test\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=x-unknown-42\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "caf\u00e9 \u00ff https://shop.example/?gclid=1\r\n").getBytes(Charset.forName("ISO-8859-1"));
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse(raw)).recipient("support@helpdesk.test").build();

        mailet.service(mail);

        byte[] body = Messages.leaves(Messages.roundTrip(mail.getMessage())).getFirst().bytes();
        assertThat(body).isEqualTo("caf\u00e9 \u00ff https://shop.example/\r\n".getBytes(Charset.forName("ISO-8859-1")));
    }

    @Test
    void serviceShouldSendOversizedBodiesToTheErrorProcessor() throws Exception {
        StripTracking small = new StripTracking();
        small.init(FakeMailetConfig.builder().mailetName("StripTracking").setProperty("maxPartBytes", "2048").build());
        char[] filler = new char[5000];
        Arrays.fill(filler, 'a');
        FakeMail mail = mail("From: a@b.example\nTo: support@helpdesk.test\nSubject: x\nContent-Type: text/plain\n\n" + new String(filler) + "\n");

        assertThatThrownBy(() -> small.service(mail)).isInstanceOf(MessagingException.class).hasMessageContaining("maxPartBytes");
    }

    @Test
    void initShouldRefuseABadMaxPartBytes() {
        assertThatThrownBy(() -> new StripTracking().init(FakeMailetConfig.builder().mailetName("StripTracking")
                .setProperty("maxPartBytes", "lots").build()))
                .isInstanceOf(MailetException.class).hasMessageContaining("maxPartBytes");
    }

    @Test
    void initShouldRefuseAMissingExtraRulesPath() {
        assertThatThrownBy(() -> new StripTracking().init(FakeMailetConfig.builder().mailetName("StripTracking")
                .setProperty("extraRules", "/nonexistent/tracking").build()))
                .isInstanceOf(MailetException.class).hasMessageContaining("/nonexistent/tracking");
    }
    @Test
    void serviceShouldTreatALinkCarryingTheForwardingCustomersAddressAsATracker() throws Exception {
        String forwarded = """
                From: Maija <maija@customer.example>
                To: support@helpdesk.test
                Subject: Fwd: your order
                MIME-Version: 1.0
                Content-Type: text/html; charset=UTF-8

                <p>See below</p><img src="https://img.shop.example/banner.png?u=maija%40customer.example" width="600" height="200"><p>Order 4711</p>
                """;
        FakeMail mail = mail(forwarded);

        mailet.service(mail);

        String html = String.valueOf(mail.getMessage().getContent());
        assertThat(html).doesNotContain("maija%40customer.example").contains("Order 4711");
    }
}
