package eu.postdesk.mailets.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary copies of attachments land in the folder the operator names, and are gone once the mail is done. */
class TemporaryDirectoryTest {
    @TempDir
    Path folder;

    @Test
    void serviceShouldWriteTemporaryCopiesOnlyIntoTheTemporaryDirectoryAndDeleteThem() throws Exception {
        RedactSensitiveData mailet = RedactSensitiveDataTest.mailet(Map.of("temporaryDirectory", folder.toString()));
        byte[] tar = Samples.tar(Map.of("app.log", "Passwort: Geheim-4711!".getBytes(StandardCharsets.UTF_8)));
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder().setSubject("Logs").setMultipartWithBodyParts(
                MimeMessageBuilder.bodyPartBuilder().data("See the logs."),
                MimeMessageBuilder.bodyPartBuilder().type("application/x-tar").filename("logs.tar").disposition("attachment").data(tar));

        List<String> created = new ArrayList<>();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            mailet.service(FakeMail.builder().name("mail").mimeMessage(message.build()).build());
            WatchKey key = watch.poll(5, TimeUnit.SECONDS);
            assertThat(key).as("a temporary copy was written into the temporary directory").isNotNull();
            key.pollEvents().forEach(event -> created.add(String.valueOf(event.context())));
        } finally {
            mailet.destroy();
        }

        assertThat(created).anyMatch(name -> name.startsWith("postdesk-attachment"));
        try (var left = Files.list(folder)) {
            assertThat(left).as("every temporary copy is deleted").isEmpty();
        }
    }

    @Test
    void initShouldThrowWhenTheTemporaryDirectoryIsNotAFolder() {
        assertThatThrownBy(() -> RedactSensitiveDataTest.mailet(Map.of("temporaryDirectory", folder.resolve("missing").toString())))
                .isInstanceOf(MailetException.class)
                .hasMessageContaining("temporaryDirectory");
    }
}
