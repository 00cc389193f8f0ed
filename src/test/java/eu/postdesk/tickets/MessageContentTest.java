package eu.postdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class MessageContentTest {

    private static MimeMessage message(String resource) throws Exception {
        try (var in = MessageContentTest.class.getResourceAsStream("/mail/" + resource)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    @Test
    void attachmentsAreListedUnderTheirDecodedNamesAndTheBodyIsText() throws Exception {
        MessageContent content = MessageContent.of(message("txt-and-png-attachments.eml"));
        assertThat(content.attachments()).extracting(MessageContent.Attachment::name).containsExactly("zugang.txt", "fehlermeldung.png");
        assertThat(content.attachments()).allSatisfy(a -> assertThat(a.content()).isNotEmpty());
        assertThat(content.text()).contains("Zugangsdaten für unser Buchungssystem");
        assertThat(content.html()).contains("<html");
    }
}
