package eu.postdesk.queues;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.postdesk.ConfFiles;
import eu.postdesk.PostdeskProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** conf/queues.yml as an operator writes it: read once, mistakes named with file, line, key and fix. */
class QueuesFileTest {
    @TempDir
    Path conf;

    private Queues read(String yaml) throws Exception {
        Files.writeString(conf.resolve("queues.yml"), yaml);
        PostdeskProperties properties = new PostdeskProperties();
        properties.setConfDir(conf);
        properties.setSupportAddresses(new java.util.ArrayList<>(java.util.List.of("support@a.example", "wsparcie@b.example")));
        return new Queues(new ConfFiles(properties), properties);
    }

    private static final String TARGETS = "first-response:\n  1: 1h round-the-clock\n  2: 4h business\n  3: 1d business\n  4: 3d business\n";

    @Test
    void theShippedFileIsValidAndAnswersEveryAddress() {
        PostdeskProperties properties = new PostdeskProperties();
        properties.setConfDir(Path.of("../conf"));
        Queues queues = new Queues(new ConfFiles(properties), properties);
        Queue queue = queues.queueFor("support@localhost");
        assertThat(queue.hoursFor("en").isRoundTheClock()).isTrue();
        assertThat(queue.hoursFor("fi").describe()).isEqualTo("Mon-Fri 08:00-16:00 Europe/Helsinki");
        assertThat(queue.hoursFor("ar").describe()).isEqualTo("Sun-Thu 09:00-18:00 Asia/Riyadh");
        assertThat(queue.hoursFor("pl").describe()).isEqualTo("Mon-Fri 08:00-16:00 Europe/Warsaw");
        assertThat(queue.hoursFor("sv").describe()).isEqualTo("Mon-Fri Europe/Stockholm");
        assertThat(queue.satisfaction()).isTrue();
        assertThat(queues.incidentKeywordIn("Hej, vi har et SYSTEM  nedbrud")).contains("system nedbrud");
    }

    @Test
    void eachAddressHasItsOwnQueueLanguagesAndSatisfactionSwitch() throws Exception {
        Queues queues = read(TARGETS + "queues:\n"
                + "  - address: default\n    default-language: en\n    hours:\n      en: 24/7\n"
                + "  - address: wsparcie@b.example\n    default-language: pl\n    satisfaction: false\n    hours:\n      pl: Mon-Fri 08:00-16:00 Europe/Warsaw\n");
        Queue polish = queues.queueFor("Wsparcie@B.example");
        assertThat(polish.satisfaction()).isFalse();
        assertThat(queues.languageFor(polish, Optional.of("de"))).isEqualTo("pl");
        assertThat(queues.languageFor(polish, Optional.empty())).isEqualTo("pl");
        assertThat(queues.languageFor(queues.queueFor("support@a.example"), Optional.of("de"))).isEqualTo("en");
        assertThat(queues.firstResponseDue(polish, "pl", 2, Instant.parse("2026-12-04T14:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    }

    @Test
    void aWrongTimetableNamesTheFileTheLineTheKeyAndTheFix() {
        assertThatThrownBy(() -> read(TARGETS + "queues:\n  - address: default\n    default-language: fi\n    hours:\n      fi: Mon-Fri 8-16 Helsinki\n"))
                .hasMessageContaining("queues.yml line 10: queues[default].hours.fi 'Mon-Fri 8-16 Helsinki'")
                .hasMessageContaining("e.g. 'Mon-Fri 08:00-16:00 Europe/Helsinki'");
    }

    @Test
    void aMissingSeverityAndAnUnknownKeyAreRefused() {
        assertThatThrownBy(() -> read("first-response:\n  1: 1h round-the-clock\nqueues: []\n"))
                .hasMessageContaining("first-response names no target for severity 2");
        assertThatThrownBy(() -> read(TARGETS + "queue:\n  - address: default\n"))
                .hasMessageContaining("line 6: queue is not a known key here");
    }

    @Test
    void aSupportAddressWithoutAQueueIsRefusedAtStart() {
        assertThatThrownBy(() -> read(TARGETS + "queues:\n  - address: support@a.example\n    default-language: en\n    hours:\n      en: 24/7\n"))
                .hasMessageContaining("no queue for wsparcie@b.example");
    }
}
