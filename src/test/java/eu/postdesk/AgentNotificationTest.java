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
}
