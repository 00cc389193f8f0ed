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
    void anAttachmentIsWrittenDecodedToAFile() throws Exception {
        MessageContent content = MessageContent.of(message("txt-and-png-attachments.eml"));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("attachment-", ".png");
        try {
            MessageContent.Attachment png = content.attachments().get(1);
            assertThat(png.writeTo(file)).isEqualTo(java.nio.file.Files.size(file)).isEqualTo(png.size());
            byte[] signature = {(byte) 0x89, 'P', 'N', 'G'};
            assertThat(java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(file), 4)).isEqualTo(signature);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void attachmentsAreListedUnderTheirDecodedNamesAndTheBodyIsText() throws Exception {
        MessageContent content = MessageContent.of(message("txt-and-png-attachments.eml"));
        assertThat(content.attachments()).extracting(MessageContent.Attachment::name).containsExactly("zugang.txt", "fehlermeldung.png");
        assertThat(content.attachments()).allSatisfy(a -> assertThat(a.size()).isPositive());
        assertThat(content.text()).contains("Zugangsdaten für unser Buchungssystem");
        assertThat(content.html()).contains("<html");
    }

    @Test
    void aMessageRewrittenInMemoryByAMailetStillShowsItsPartsAndAttachments() throws Exception {
        MimeMessage message = message("txt-and-png-attachments.eml");
        var body = new jakarta.mail.internet.MimeBodyPart();
        body.setText("rewritten body", "UTF-8");
        var file = new jakarta.mail.internet.MimeBodyPart();
        file.setText("masked ***", "UTF-8");
        file.setFileName("zugang.txt");
        file.setHeader("X-Postdesk-Fate", "redacted");
        message.setContent(new jakarta.mail.internet.MimeMultipart(body, file));
        message.saveChanges();

        MessageContent content = MessageContent.of(message);

        assertThat(content.text()).isEqualTo("rewritten body");
        assertThat(content.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("zugang.txt");
            assertThat(a.fate()).isEqualTo("redacted");
        });
    }

    @Test
    void attachmentNamesAreStoredOnOneLineAndRaw8BitNamesReadAsUtf8() throws Exception {
        String encoded = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString("a.txt\r\nX-Injected: yes".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=";
        byte[] raw = ("From: a@example.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"" + encoded + "\"\r\n\r\none\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"rēķins.txt\"\r\n\r\ntwo\r\n--b--\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        MessageContent content = MessageContent.of(new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(raw)));

        assertThat(content.attachments()).extracting(MessageContent.Attachment::name).containsExactly("a.txt X-Injected: yes", "rēķins.txt");
    }
}
