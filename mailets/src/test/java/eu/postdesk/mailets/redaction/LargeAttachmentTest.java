package eu.postdesk.mailets.redaction;

import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A 50 MB attachment goes through with the default limits: spooled to disk, never held as text. */
class LargeAttachmentTest {
    private static final int FIFTY_MB = 50 << 20;

    @TempDir
    Path folder;

    @Test
    void fiftyMegabyteLogWithAPasswordShouldBeQuarantinedAsTooLargeNotLeaked() throws Exception {
        byte[] line = "2025-03-17 09:00:01 INFO request served in 12 ms\n".getBytes(StandardCharsets.US_ASCII);
        byte[] log = new byte[FIFTY_MB];
        for (int at = 0; at < log.length; at += line.length) {
            System.arraycopy(line, 0, log, at, Math.min(line.length, log.length - at));
        }
        byte[] secret = "Passwort: Geheim-4711!\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(secret, 0, log, FIFTY_MB / 2, secret.length);

        BodyPart stored = redactedAttachment(log, "server.log", "text/plain");

        assertThat(stored.getHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER)[0]).isEqualTo("quarantined; reason=\"too large to inspect\"");
        try (InputStream content = stored.getInputStream()) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("Geheim-4711!");
        }
    }

    @Test
    void fiftyMegabyteBinaryShouldBeKeptByteIdentical() throws Exception {
        byte[] binary = new byte[FIFTY_MB];
        new java.util.Random(42).nextBytes(binary);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(binary);

        BodyPart stored = redactedAttachment(binary, "capture.bin", "application/octet-stream");

        assertThat(stored.getHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER)[0]).isEqualTo("kept");
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream content = stored.getInputStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = content.read(buffer)) != -1; ) {
                digest.update(buffer, 0, read);
            }
        }
        assertThat(Arrays.equals(digest.digest(), expected)).isTrue();
    }

    private BodyPart redactedAttachment(byte[] content, String name, String type) throws Exception {
        RedactSensitiveData mailet = RedactSensitiveDataTest.mailet(Map.of());
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().setSubject("Logs").setMultipartWithBodyParts(
                MimeMessageBuilder.bodyPartBuilder().data("Logs attached."),
                MimeMessageBuilder.bodyPartBuilder().type(type).filename(name).disposition("attachment").data(content)).build();
        FakeMail mail = FakeMail.builder().name("large").mimeMessage(message).build();

        mailet.service(mail);

        assertThat(mail.getAttribute(PostdeskAttributes.REDACTION_FAILED)).isEmpty();
        Path written = folder.resolve("written.eml");
        try (OutputStream out = Files.newOutputStream(written)) {
            mail.getMessage().writeTo(out);
        }
        MimeMessage stored = new MimeMessage(Session.getDefaultInstance(new Properties()), new SharedFileInputStream(written.toFile()));
        return ((Multipart) stored.getContent()).getBodyPart(1);
    }
}
