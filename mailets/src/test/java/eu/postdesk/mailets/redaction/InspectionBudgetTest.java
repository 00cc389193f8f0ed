package eu.postdesk.mailets.redaction;

import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fifty attachments that each take longer than the per-attachment limit cost one message budget, not fifty timeouts. */
class InspectionBudgetTest {
    private static final int ATTACHMENTS = 50;
    private static final int BUDGET_MS = 400;
    private static final int TIMEOUT_MS = 20;

    /** A zip of thousands of empty members: each is unpacked, typed and parsed on its own, which takes far longer than 20 ms. */
    private static byte[] slowZip() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 3000; i++) {
                zip.putNextEntry(new ZipEntry(Integer.toString(i, 36)));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static RedactSensitiveData mailet(String timeout, String budget) throws Exception {
        RedactSensitiveData mailet = new RedactSensitiveData(TestDetectors.scanner());
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RedactSensitiveData")
                .setProperty("inspectionThreads", "2");
        if (timeout != null) {
            config.setProperty("inspectionTimeout", timeout);
        }
        if (budget != null) {
            config.setProperty("messageInspectionBudget", budget);
        }
        mailet.init(config.build());
        return mailet;
    }

    @Test
    void fiftySlowAttachmentsAreAllWithheldWithinTheMessageBudget() throws Exception {
        byte[] zip = slowZip();
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Logs attached.", "UTF-8");
        mixed.addBodyPart(text);
        for (int i = 0; i < ATTACHMENTS; i++) {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(zip, "application/zip")));
            attachment.setFileName("logs-" + i + ".zip");
            attachment.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(attachment);
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject("Logs");
        message.setContent(mixed);
        message.saveChanges();
        FakeMail mail = FakeMail.builder().name("fifty").mimeMessage(message).build();
        RedactSensitiveData mailet = mailet(TIMEOUT_MS + "ms", BUDGET_MS + "ms");

        try {
            mailet.service(mail);
        } finally {
            mailet.destroy();
        }

        List<String> fates = new ArrayList<>();
        Multipart parts = (Multipart) mail.getMessage().getContent();
        for (int i = 1; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            fates.add(part.getHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER)[0]);
            try (InputStream content = part.getInputStream()) {
                assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8)).startsWith("Postdesk withheld this attachment");
            }
        }
        assertThat(fates).hasSize(ATTACHMENTS).allSatisfy(fate -> assertThat(fate).startsWith("quarantined; reason="));
        long tooSlow = fates.stream().filter(f -> f.contains(Inspection.TOO_SLOW)).count();
        long unread = fates.stream().filter(f -> f.contains(Inspection.BUDGET_EXHAUSTED)).count();
        assertThat(tooSlow + unread).as("fates %s", fates).isEqualTo(ATTACHMENTS);
        // each attachment that ran out its own limit spent at least that much of the budget
        assertThat(tooSlow).isPositive().isLessThanOrEqualTo(BUDGET_MS / TIMEOUT_MS + 1);
        assertThat(unread).isPositive();
        assertThat(mail.getAttribute(PostdeskAttributes.REDACTION_FAILED)).isEmpty();
    }

    @Test
    void initShouldThrowForATimeThatIsNotOne() {
        assertThatThrownBy(() -> mailet("soon", null)).isInstanceOf(MailetException.class).hasMessageContaining("inspectionTimeout");
        assertThatThrownBy(() -> mailet(null, "0s")).isInstanceOf(MailetException.class).hasMessageContaining("messageInspectionBudget");
    }
}
