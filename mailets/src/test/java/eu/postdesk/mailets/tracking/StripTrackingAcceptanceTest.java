package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.AcceptanceCase;
import eu.postdesk.mailets.Messages;
import eu.postdesk.mailets.html.SanitizeHtml;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The public acceptance cases of the tracking category, run through the mailets in their chain order. */
class StripTrackingAcceptanceTest {
    private final Mailet stripTracking = new StripTracking();
    private final Mailet removeReadReceipts = new RemoveReadReceiptRequests();
    private final Mailet sanitizeHtml = new SanitizeHtml();

    @BeforeEach
    void setUp() throws Exception {
        stripTracking.init(FakeMailetConfig.builder().mailetName("StripTracking").build());
        removeReadReceipts.init(FakeMailetConfig.builder().mailetName("RemoveReadReceiptRequests").build());
        sanitizeHtml.init(FakeMailetConfig.builder().mailetName("SanitizeHtml").build());
    }

    private AcceptanceCase run(String eml) throws Exception {
        FakeMail mail = FakeMail.builder().name(eml).mimeMessage(Messages.resource("acceptance/" + eml))
                .recipient("support@helpdesk.test").build();
        stripTracking.service(mail);
        removeReadReceipts.service(mail);
        sanitizeHtml.service(mail);
        return AcceptanceCase.of(mail.getMessage());
    }

    @Test
    void case017MailchimpForwardShouldLoseItsPixelWrapperAndParameters() throws Exception {
        AcceptanceCase result = run("017-en-outlook-fw-mailchimp-mkt-tok.eml");

        result.kept("BK-1180", "Book a stand", "Fair details");
        result.htmlAbsent("list-manage.com/track/open.php", "list-manage.com/track/click", "utm_source=", "mc_eid=", "mkt_tok=");
        result.linksClean("https://www.booktrade.example/events/spring-fair");
        result.textAbsent("list-manage.com/track/click", "mc_eid=");
    }

    @Test
    void case018SafeLinksShouldBeUnwrappedAndReadReceiptsRemoved() throws Exception {
        AcceptanceCase result = run("018-de-safelinks-read-receipt.eml");

        result.kept("KE-7719");
        result.htmlAbsent("safelinks.protection.outlook.com", "utm_source");
        result.linksClean("https://wiki.kraemer-elektro.example/anleitungen/vpn-einrichtung",
                "https://shop.kraemer-elektro.example/konto/rechnungen");
        result.headersAbsent("Disposition-Notification-To", "Return-Receipt-To");
        result.textAbsent("safelinks.protection.outlook.com");
    }

    @Test
    void case019SendGridAndHubSpotShouldGoWhileLogoAndScreenshotStay() throws Exception {
        AcceptanceCase result = run("019-lv-sendgrid-hubspot-cid-logo.eml");

        result.kept("https://cdn.ziedu-portals.example/mail/logo.png");
        result.htmlAbsent("ct.sendgrid.net/ls/click", "ct.sendgrid.net/wf/open", "_hsenc=", "_hsmi=");
        result.linksClean("https://www.ziedu-portals.example/palidziba/piegade");
        result.textAbsent("_hsenc=", "ct.sendgrid.net/ls/click");
        assertThat(result.imageSources()).contains("cid:ii_m9okirkrp", "https://cdn.ziedu-portals.example/mail/logo.png");
        assertThat(Messages.leaves(result.message()))
                .filteredOn(leaf -> "<ii_m9okirkrp>".equals(leaf.contentId()))
                .singleElement()
                .satisfies(leaf -> assertThat(leaf.bytes()).startsWith(0x89, 'P', 'N', 'G'));
    }

    @Test
    void case031HostileHtmlShouldKeepItsTextAndLoseEverythingActive() throws Exception {
        AcceptanceCase result = run("031-html-scripts-and-crlf-subject.eml");

        result.kept("WK-404", "Detaljer");
        result.htmlAbsent("<script", "onerror=", "<iframe", "javascript:", "attacker.example");
    }
}
