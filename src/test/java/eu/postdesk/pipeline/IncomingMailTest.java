package eu.postdesk.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import jakarta.mail.util.SharedFileInputStream;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.postdesk.mailets.redaction.RedactSensitiveData;
import eu.postdesk.spool.SpooledMail;
import eu.postdesk.tickets.MessageContent;

class IncomingMailTest {
    @TempDir
    Path folder;

    @Test
    void whatAMailetChangesInAMessageReadFromTheSpoolFileIsWhatFilingReads() throws Exception {
        Path file = folder.resolve("1.eml");
        try (var in = IncomingMailTest.class.getResourceAsStream("/secrets/006-01.eml")) {
            Files.copy(in, file);
        }
        RedactSensitiveData redaction = new RedactSensitiveData();
        redaction.init(FakeMailetConfig.builder().mailetName("RedactSensitiveData").build());
        try (SharedFileInputStream raw = new SharedFileInputStream(file.toFile())) {
            Mail mail = IncomingMail.of(new SpooledMail(1, "a@example.test", List.of("support@example.test"), Instant.now(), Files.size(file)), raw);
            redaction.service(mail);
            MessageContent content = MessageContent.of(mail.getMessage());
            assertThat(content.text()).contains("mv-kontor").doesNotContain("Skagen.7832!");
            assertThat(content.html()).doesNotContain("Skagen.7832!");
        }
    }
}
