package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** What an agent's notification holds, as the relay receives it. */
class AgentNotificationTest extends RunningPostdesk {

    static MimeMessage notificationAbout(String subject) {
        eventually("the notification about " + subject, () -> relayedTo(AGENT1).stream().anyMatch(m -> subjectOf(m).contains(subject)));
        return relayedTo(AGENT1).stream().filter(m -> subjectOf(m).contains(subject)).findFirst().orElseThrow();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void anHtmlOnlyMailIsNotifiedWithItsTextRenderedFromTheHtml() throws Exception {
        String customer = "html-only@mail.example";
        String raw = "From: " + customer + "\r\nTo: " + SUPPORT + "\r\nSubject: Scanner 3000 jams\r\nMessage-ID: <" + UUID.randomUUID()
                + "@mail.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<html><head><style>p{color:red}</style></head><body><p>The scanner <b>jams</b> on every page.</p>"
                + "<p>Gr&uuml;&szlig;e, Jo</p><script>alert(1)</script></body></html>\r\n";
        deliver(customer, SUPPORT, raw);

        String text = (String) notificationAbout("Scanner 3000 jams").getContent();

        assertThat(text).contains("The scanner jams on every page.").contains("Grüße, Jo")
                .doesNotContain("<p>").doesNotContain("color:red").doesNotContain("alert(1)");
    }

    @Test
    void htmlAndSvgAttachmentsReachAgentsSanitisedAndWithoutTrackers() throws Exception {
        String customer = "files@markup.example";
        String raw = "From: " + customer + "\r\nTo: " + SUPPORT + "\r\nSubject: Floor plan 7\r\nMessage-ID: <" + UUID.randomUUID()
                + "@markup.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nPlan and offer attached.\r\n"
                + "--b\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Disposition: attachment; filename=\"offer.html\"\r\n\r\n"
                + "<html><body><p>Offer for floor 7</p><img src=\"https://u1.ct.sendgrid.net/wf/open?upn=abc\" width=\"1\" height=\"1\">"
                + "<script>steal(document.cookie)</script><a href=\"javascript:steal()\">details</a></body></html>\r\n"
                + "--b\r\nContent-Type: image/svg+xml\r\nContent-Disposition: attachment; filename=\"plan.svg\"\r\n\r\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"steal()\"><script>steal()</script>"
                + "<image href=\"https://tracker.example/open.gif\"/><rect width=\"7\" height=\"7\"/></svg>\r\n"
                + "--b--\r\n";
        deliver(customer, SUPPORT, raw);

        MimeMessage notification = notificationAbout("Floor plan 7");

        eventually("the ticket", () -> ticketsOf(customer).size() == 1);
        var attachments = ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0).get("attachments");
        assertThat(attachments.valueStream().map(a -> a.get("name").asString())).containsExactly("offer.html", "plan.svg");
        String storedHtml = call("/attachments/" + attachments.get(0).get("id").asLong(), ADMIN_TOKEN).body();
        String storedSvg = call("/attachments/" + attachments.get(1).get("id").asLong(), ADMIN_TOKEN).body();
        assertThat(storedHtml).contains("Offer for floor 7").doesNotContain("sendgrid").doesNotContain("steal").doesNotContain("javascript:");
        assertThat(storedSvg).contains("<rect width=\"7\" height=\"7\" />").doesNotContain("steal").doesNotContain("tracker.example");

        var enclosures = (jakarta.mail.Multipart) notification.getContent();
        for (int i = 1; i < enclosures.getCount(); i++) {
            String enclosed = new String(enclosures.getBodyPart(i).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(enclosed).doesNotContain("steal").doesNotContain("sendgrid").doesNotContain("tracker.example");
        }
        assertThat(enclosures.getCount()).isEqualTo(3);
    }
}
