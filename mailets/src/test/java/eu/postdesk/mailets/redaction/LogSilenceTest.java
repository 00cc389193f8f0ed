package eu.postdesk.mailets.redaction;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Redacting the acceptance cases with every logger at DEBUG leaves no detected value in any log line or logged exception. */
class LogSilenceTest {
    private static final List<String> VALUES = List.of("Zugspitze_2570$", "Sillfest.1347%",
            "xoxb-549949468188-7062648121813-dhU0cuQ6FfXupL8YBp3XEtTU", "4889 2664 7646 4529", "Kasztan_2524?", "83113054119", "aqRyS1H%Bqs");

    @Test
    void redactionShouldNeverLogADetectedValue() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        try {
            RedactSensitiveData mailet = new RedactSensitiveData(TestDetectors.scanner());
            mailet.init(FakeMailetConfig.builder().mailetName("RedactSensitiveData").build());
            for (String resource : List.of("013.eml", "014.eml", "015.eml", "016.eml", "030.eml")) {
                mailet.service(FakeMail.builder().name(resource).mimeMessage(AgentView.load(resource)).build());
            }
            mailet.destroy();
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }

        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            logged.append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                logged.append(thrown.getMessage()).append('\n');
            }
        }
        assertThat(logs.list).isNotEmpty();
        for (String value : VALUES) {
            assertThat(logged.indexOf(value)).as("a detected value was logged").isEqualTo(-1);
        }
    }
}
