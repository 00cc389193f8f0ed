package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.ingress.SmtpIngress;

/**
 * Nothing is lost: a message that was spooled (SMTP said 250) but not yet filed when the server
 * stopped is processed exactly once after the restart, with exactly one acknowledgement.
 */
class CrashRecoveryTest {
    @RegisterExtension
    static final GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private ConfigurableApplicationContext start(Path data, boolean pipeline) {
        return new SpringApplicationBuilder(Postdesk.class).run(
                "--server.port=0", "--postdesk.smtp.port=0", "--postdesk.data-dir=" + data,
                "--postdesk.support-addresses=support@helpdesk.test", "--postdesk.api.admin-token=crash-test-admin-token-0123456789",
                "--postdesk.outbound.host=127.0.0.1", "--postdesk.outbound.port=" + relay.getSmtp().getPort(),
                "--postdesk.outbound.poll=50ms", "--postdesk.pipeline.enabled=" + pipeline,
                "--postdesk.conf-dir=" + data.resolve("no-conf"));
    }

    /** A server in its own JVM, on this test's class path, that can be killed with SIGKILL. */
    private static Process launch(Path data, int smtpPort, boolean pipeline) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Postdesk.class.getName(),
                "--server.port=0", "--postdesk.smtp.port=" + smtpPort, "--postdesk.data-dir=" + data,
                "--postdesk.support-addresses=support@helpdesk.test", "--postdesk.api.admin-token=crash-test-admin-token-0123456789",
                "--postdesk.outbound.host=127.0.0.1", "--postdesk.outbound.port=" + relay.getSmtp().getPort(),
                "--postdesk.outbound.poll=50ms", "--postdesk.pipeline.enabled=" + pipeline, "--postdesk.conf-dir=" + data.resolve("no-conf"))
                .redirectErrorStream(true).redirectOutput(data.resolve("server-" + pipeline + ".log").toFile()).start();
    }

    private static void awaitSmtp(int port, Process server) {
        RunningPostdesk.eventually("the SMTP listener", () -> {
            if (!server.isAlive()) {
                throw new AssertionError("the server process exited with " + server.exitValue());
            }
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException notYet) {
                return false;
            }
        }, java.time.Duration.ofSeconds(120));
    }

    @Test
    void aServerKilledWithSigkillAfterSpoolingFilesTheMessageExactlyOnceAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("postdesk-kill-");
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String customer = "lou@killed.example";
        Process first = launch(data, port, false);
        try {
            awaitSmtp(port, first);
            RunningPostdeskMail.deliver(port, customer, RunningPostdeskMail.plain(customer, "Accepted, then killed", "SMTP said 250."));
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertThat(relay.getReceivedMessages()).isEmpty();

        Process second = launch(data, port, true);
        try {
            awaitSmtp(port, second);
            RunningPostdesk.eventually("the acknowledgement after the restart", () -> relay.getReceivedMessages().length >= 1);
            Thread.sleep(1_000);
            assertThat(relay.getReceivedMessages()).hasSize(1);
            assertThat(relay.getReceivedMessages()[0].getSubject()).contains("Accepted, then killed");
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    @Test
    void aMessageSpooledButNotFiledBeforeAStopIsFiledExactlyOnceAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("postdesk-crash-");
        String customer = "kim@crash.example";
        String raw = RunningPostdeskMail.plain(customer, "Spooled before the crash", "Please survive a restart.");

        try (ConfigurableApplicationContext first = start(data, false)) {
            int port = first.getBean(SmtpIngress.class).port();
            RunningPostdeskMail.deliver(port, customer, raw);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from spool where state = 'pending'", Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from tickets", Integer.class)).isZero();
            // what a kill -9 in the middle of filing leaves behind: a claimed, unsettled spool entry
            jdbc.update("update spool set state = 'processing'");
        }

        try (ConfigurableApplicationContext second = start(data, true)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            RunningPostdesk.eventually("the spooled message to be filed",
                    () -> jdbc.queryForObject("select count(*) from spool where state = 'done'", Integer.class) == 1);
            RunningPostdesk.eventually("the acknowledgement", () -> relay.getReceivedMessages().length == 1);
            Thread.sleep(500);
            assertThat(jdbc.queryForObject("select count(*) from tickets", Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from messages", Integer.class)).isEqualTo(1);
            assertThat(relay.getReceivedMessages()).hasSize(1);
            assertThat(relay.getReceivedMessages()[0].getSubject()).contains("Spooled before the crash");
        }

        try (ConfigurableApplicationContext third = start(data, true)) {
            Thread.sleep(1_000);
            JdbcTemplate jdbc = third.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from tickets", Integer.class)).as("a further restart files nothing again").isEqualTo(1);
            assertThat(relay.getReceivedMessages()).hasSize(1);
        }
    }
}
