package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Attachment names are customer text: they are masked like the body and cannot add header lines to what we send. */
class AttachmentNamesTest extends RunningPostdesk {

    private static String withAttachments(String from, String subject, String... parts) {
        StringBuilder raw = new StringBuilder("From: " + from + "\r\nTo: " + SUPPORT + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSee attached.\r\n");
        for (String part : parts) {
            raw.append("--b\r\n").append(part);
        }
        return raw.append("--b--\r\n").toString();
    }

    private static String textAttachment(String filenameParameter, String content) {
        return "Content-Type: text/plain; charset=UTF-8\r\nContent-Disposition: attachment; filename=\"" + filenameParameter + "\"\r\n\r\n"
                + content + "\r\n";
    }

    private static MimeMessage notificationAbout(String subject) {
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

    private static String bytesOf(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<JsonNode> attachmentsOfTicketFrom(String customer) {
        eventually("a ticket for " + customer, () -> ticketsOf(customer).size() == 1);
        return ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0).get("attachments").valueStream().toList();
    }

    @Test
    void anEncodedFileNameWithLineBreaksAddsNoHeaderToTheNotification() throws Exception {
        String customer = "crlf-name@inject.example";
        String encoded = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(
                "report.txt\r\nX-Injected: yes\r\nBcc: victim@example.test".getBytes(StandardCharsets.UTF_8)) + "?=";
        deliver(customer, SUPPORT, withAttachments(customer, "Crash report 4711", textAttachment(encoded, "the log")));

        MimeMessage notification = notificationAbout("Crash report 4711");

        BodyPart enclosed = ((Multipart) notification.getContent()).getBodyPart(1);
        assertThat(Collections.list(enclosed.getAllHeaders())).extracting(jakarta.mail.Header::getName)
                .doesNotContain("X-Injected", "Bcc");
        assertThat(notification.getHeader("Bcc")).isNull();
        assertThat(enclosed.getFileName()).doesNotContain("\r").doesNotContain("\n");
        assertThat(attachmentsOfTicketFrom(customer)).extracting(a -> a.get("name").asString())
                .containsExactly("report.txt X-Injected: yes Bcc: victim@example.test");
        assertThat(relayedTo("victim@example.test")).isEmpty();
    }

    @Test
    void anIdentifierInAFileNameIsMaskedForAgentsInTheTicketAndTheNotification() throws Exception {
        String customer = "pesel-name@files.example";
        deliver(customer, SUPPORT, withAttachments(customer, "Documents 0815",
                textAttachment("PESEL_44051401458.txt", "my form"),
                "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"PESEL_44051401458.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getEncoder().encodeToString("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)) + "\r\n"));

        MimeMessage notification = notificationAbout("Documents 0815");

        List<String> names = attachmentsOfTicketFrom(customer).stream().map(a -> a.get("name").asString()).toList();
        assertThat(names).hasSize(2).allSatisfy(name -> assertThat(name).startsWith("PESEL_").contains("***").doesNotContain("44051401458"));
        assertThat(names.get(0)).endsWith(".txt");
        assertThat(names.get(1)).endsWith(".pdf");
        assertThat(bytesOf(notification)).doesNotContain("44051401458");
        assertThat(((Multipart) notification.getContent()).getBodyPart(1).getFileName()).isEqualTo(names.get(0));
    }
}
