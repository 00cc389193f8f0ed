package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;

/** A tracker-laden newsletter arrives over SMTP; the ticket shows it without its trackers, content and real images intact. */
class TrackingEndToEndTest extends RunningPostdesk {

    private JsonNode firstMessageOf(String customer, String resource) throws Exception {
        deliver(customer, SUPPORT, resource(resource));
        eventually("a ticket", () -> ticketsOf(customer).size() == 1);
        return ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0);
    }

    @Test
    void aForwardedMailchimpNewsletterLosesItsPixelClickWrappersAndTrackingParameters() throws Exception {
        JsonNode message = firstMessageOf("harriet.cole@cole-bookshop.example", "mailchimp-forward.eml");
        String html = message.get("html").asString();
        String text = message.get("text").asString();
        assertThat(html).doesNotContain("list-manage.com").doesNotContain("utm_source=").doesNotContain("mc_eid=").doesNotContain("mkt_tok=")
                .contains("href=\"https://www.booktrade.example/events/spring-fair\"").contains("BK-1180");
        assertThat(text).doesNotContain("list-manage.com/track/click").doesNotContain("mc_eid=").contains("BK-1180");
        assertThat(message.get("privacy").get("trackersRemoved").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theCidScreenshotAndTheRealLogoStayWhileSendGridAndHubSpotTrackingGo() throws Exception {
        JsonNode message = firstMessageOf("inese.vitola@vitolas-ziedi.example", "sendgrid-hubspot-cid-logo.eml");
        String html = message.get("html").asString();
        assertThat(html).doesNotContain("ct.sendgrid.net").doesNotContain("_hsenc=").doesNotContain("_hsmi=")
                .contains("https://cdn.ziedu-portals.example/mail/logo.png").contains("cid:");
        assertThat(message.get("remoteContent").asBoolean()).isTrue();
        assertThat(message.get("attachments").get(0).get("name").asString()).isEqualTo("ekranuznemums.png");
    }
}
