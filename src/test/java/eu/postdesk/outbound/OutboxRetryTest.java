package eu.postdesk.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import eu.postdesk.Postdesk;
import eu.postdesk.RunningPostdesk;
import eu.postdesk.ingress.SmtpIngress;

class OutboxRetryTest {

    @Test
    void mailForARelayThatIsDownIsHeldAndRetriedUntilTheRelayAnswers() throws Exception {
        int relayPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            relayPort = probe.getLocalPort();
        }
        Path data = Files.createTempDirectory("postdesk-outbox-");
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(Postdesk.class).run(
                "--server.port=0", "--postdesk.smtp.port=0", "--postdesk.data-dir=" + data,
                "--postdesk.support-addresses=support@helpdesk.test", "--postdesk.api.admin-token=outbox-test-token-0123456789",
                "--postdesk.outbound.host=127.0.0.1", "--postdesk.outbound.port=" + relayPort,
                "--postdesk.outbound.poll=50ms", "--postdesk.outbound.first-retry=300ms")) {
            Outbox outbox = server.getBean(Outbox.class);
            try (var smtp = new eu.postdesk.SmtpConversation("127.0.0.1", server.getBean(SmtpIngress.class).port())) {
                smtp.expect("220");
                smtp.command("EHLO t").expect("250");
                smtp.command("MAIL FROM:<mia@retry.example>").expect("250");
                smtp.command("RCPT TO:<support@helpdesk.test>").expect("250");
                smtp.command("DATA").expect("354");
                smtp.data("From: mia@retry.example\r\nSubject: retry me\r\n\r\nhello\r\n".getBytes()).expect("250");
            }
            RunningPostdesk.eventually("a failed first attempt", () -> outbox.entries().stream()
                    .anyMatch(e -> e.attempts() >= 1 && Outbox.HELD.equals(e.status()) && e.lastError() != null));

            GreenMail relay = new GreenMail(new ServerSetup(relayPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            relay.start();
            try {
                RunningPostdesk.eventually("the acknowledgement delivered once the relay answers",
                        () -> outbox.entries().stream().allMatch(e -> Outbox.SENT.equals(e.status())));
                assertThat(relay.getReceivedMessages()).hasSize(1);
            } finally {
                relay.stop();
            }
        }
    }
}
