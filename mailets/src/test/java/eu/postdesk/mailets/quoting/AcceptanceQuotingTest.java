package eu.postdesk.mailets.quoting;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance corpus' replies with quoted history (threading 020, 021, 023; agent 032, 033),
 * placeholders filled by hand: what the case keeps stays in newText, in the plain-text and the HTML
 * alternative alike, and what it calls quoted history is gone.
 */
class AcceptanceQuotingTest {

    private final QuotedHistory quotedHistory = QuotedHistory.withDefaults();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "020-gmail-on-wrote.eml | all added after 1 February | an agent will reply soon",
            "021-roundcube-am-schrieb.eml | Es betrifft nur die Klasse B. | wir kümmern uns darum",
            "023-iphone-den-skrev.eml | opgang C også | vi har registreret sagen",
            "023-iphone-den-skrev.eml | Troels | Sendt fra min iPhone",
            "023-outlook-vs-forward.eml | gælder serviceaftale SA-4410 stadig? | løber til 31.12.2025",
            "032-gmail-agent-den-skrev.eml | vi har rättat schemat | Intern anteckning: kunden har premiumavtal",
            "032-gmail-agent-den-skrev.eml | Piotr | Nytt ärende från Elsa Nordin",
            "033-thunderbird-agent-no-quote.eml | korjaus on asennettu | Eva Nilsen"})
    void newTextShouldKeepTheAnswerAndDropTheQuotedHistory(String fixture, String kept, String absent) throws Exception {
        List<String> newTexts = new ArrayList<>();
        MimeMessage message = load(fixture);
        for (MessageText.Body body : bodies(message)) {
            newTexts.add(body.html() ? quotedHistory.newTextFromHtml(body.text()) : quotedHistory.newText(body.text()));
        }

        assertThat(newTexts).isNotEmpty().allSatisfy(newText -> {
            assertThat(newText).contains(kept);
            assertThat(newText).doesNotContain(absent);
        });
    }

    private static MimeMessage load(String fixture) throws Exception {
        try (InputStream in = AcceptanceQuotingTest.class.getResourceAsStream("/quoting/" + fixture)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    /** Every text alternative of the message: the plain one and, when there is one, the HTML one. */
    private static List<MessageText.Body> bodies(MimeMessage message) throws Exception {
        List<MessageText.Body> bodies = new ArrayList<>();
        bodies.add(MessageText.of(message).orElseThrow());
        if (message.getContent() instanceof MimeMultipart alternative) {
            for (int i = 0; i < alternative.getCount(); i++) {
                if (alternative.getBodyPart(i).isMimeType("text/html")) {
                    bodies.add(new MessageText.Body((String) alternative.getBodyPart(i).getContent(), true));
                }
            }
        }
        return bodies;
    }
}
