package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.ingress.SmtpIngress;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing is lost and nothing happens twice: a server killed after spooling, in the middle of the
 * filing transaction, or between committing the outbox and sending, files the message exactly
 * once after the restart and acknowledges it exactly once. Each absence is asserted only after the
 * positive event that proves the server had its chance (the spool settled, the outbox delivered).
 */
class CrashRecoveryTest {
    private static final String ADMIN_TOKEN = "crash-test-admin-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private ConfigurableApplicationContext start(Path data, boolean pipeline) {
        return new SpringApplicationBuilder(Postdesk.class).run(
                "--server.port=0", "--postdesk.smtp.port=0", "--postdesk.data-dir=" + data,
                "--postdesk.support-addresses=support@helpdesk.test", "--postdesk.api.admin-token=" + ADMIN_TOKEN,
                "--postdesk.outbound.host=127.0.0.1", "--postdesk.outbound.port=" + relay.getSmtp().getPort(),
                "--postdesk.outbound.poll=50ms", "--postdesk.pipeline.enabled=" + pipeline,
                "--postdesk.conf-dir=" + data.resolve("no-conf"));
    }

    /** A server in its own JVM, on this test's class path, that can be killed with SIGKILL or halt at a {@link CrashPoint}. */
    private static Server launch(Path data, boolean pipeline, String crashAt) throws Exception {
        int smtp = freePort();
        int http = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        if (crashAt != null) {
            command.add("-Dpostdesk.test.crash-at=" + crashAt);
        }
        command.addAll(List.of(Postdesk.class.getName(),
                "--server.port=" + http, "--postdesk.smtp.port=" + smtp, "--postdesk.data-dir=" + data,
                "--postdesk.support-addresses=support@helpdesk.test", "--postdesk.api.admin-token=" + ADMIN_TOKEN,
                "--postdesk.outbound.host=127.0.0.1", "--postdesk.outbound.port=" + relay.getSmtp().getPort(),
                "--postdesk.outbound.poll=50ms", "--postdesk.pipeline.enabled=" + pipeline, "--postdesk.conf-dir=" + data.resolve("no-conf")));
        String log = "server-" + pipeline + "-" + crashAt + "-" + System.nanoTime() + ".log";
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + "-" + log).toFile()).start();
        Server server = new Server(process, smtp, http);
        server.awaitSmtp();
        return server;
    }

    private static int freePort() throws Exception {
        try (var probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private record Server(Process process, int smtpPort, int httpPort) {
        void awaitSmtp() {
            RunningPostdesk.eventually("the SMTP listener", () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the server process exited with " + process.exitValue());
                }
                try (var socket = new java.net.Socket("127.0.0.1", smtpPort)) {
                    return true;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            }, Duration.ofSeconds(120));
        }

        JsonNode api(String path) {
            try {
                var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).build();
                HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
                return JSON.readTree(response.body());
            } catch (java.io.IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        /** The positive event before any count: every spooled message has its outcome and every outgoing mail is delivered. */
        void awaitSettledAndDelivered(int spooled) {
            // the SMTP listener can be up before the HTTP one (the console's security is set up in between)
            RunningPostdesk.eventually("the HTTP listener", () -> {
                try (var socket = new java.net.Socket("127.0.0.1", httpPort)) {
                    return true;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            }, Duration.ofSeconds(120));
            RunningPostdesk.eventually("the spool settled and the outbox delivered", () -> {
                JsonNode figures = api("/pipeline");
                return figures.get("spooled").asInt() == spooled && figures.get("pending").asInt() == 0
                        && api("/outbox").valueStream().allMatch(mail -> "sent".equals(mail.get("status").asString()));
            }, Duration.ofSeconds(60));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        /** Waits for the server to halt itself at its crash point (exit status 137). */
        void awaitHalt() throws InterruptedException {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the server halted at its crash point").isTrue();
            assertThat(process.exitValue()).isEqualTo(137);
        }
    }

    /** Spools a message on a server whose pipeline is paused, then kills it: the message waits in the spool. */
    private static void spoolAndKill(Path data, String customer, String raw) throws Exception {
        Server receiving = launch(data, false, null);
        try {
            RunningPostdeskMail.deliver(receiving.smtpPort(), customer, raw);
        } finally {
            receiving.kill();
        }
    }

    private static String withAttachment(String from, String subject) {
        return "From: " + from + "\r\nTo: support@helpdesk.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe log is attached.\r\n"
                + "--b1\r\nContent-Type: text/plain; name=\"log.txt\"\r\nContent-Disposition: attachment; filename=\"log.txt\"\r\n\r\n"
                + "line one\r\nline two\r\n--b1--\r\n";
    }

    @Test
    void aServerKilledWithSigkillAfterSpoolingFilesTheMessageExactlyOnceAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("postdesk-kill-");
        String customer = "lou@killed.example";
        spoolAndKill(data, customer, RunningPostdeskMail.plain(customer, "Accepted, then killed", "SMTP said 250."));
        assertThat(relay.getReceivedMessages()).as("the paused server sent nothing").isEmpty();

        Server second = launch(data, true, null);
        try {
            second.awaitSettledAndDelivered(1);
            assertThat(second.api("/tickets")).hasSize(1);
            assertThat(second.api("/tickets").get(0).get("messageCount").asInt()).isEqualTo(1);
            assertThat(second.api("/outbox")).hasSize(1);
            assertThat(relay.getReceivedMessages()).hasSize(1);
            assertThat(relay.getReceivedMessages()[0].getSubject()).contains("Accepted, then killed");
        } finally {
            second.kill();
        }
    }

    @Test
    void aServerHaltedInTheMiddleOfFilingFilesTheMessageExactlyOnceAndLeavesNoStrayFiles() throws Exception {
        Path data = Files.createTempDirectory("postdesk-filing-");
        String customer = "mia@halted.example";
        spoolAndKill(data, customer, withAttachment(customer, "Halted while filing"));

        Server filing = launch(data, true, CrashPoint.FILING);
        filing.awaitHalt();
        assertThat(relay.getReceivedMessages()).as("nothing committed, so nothing sent").isEmpty();
        // what a kill in the middle of a filing leaves when its identities were not reused: files no row names
        Files.writeString(data.resolve("sealed").resolve("999999"), "stray sealed original");
        Files.writeString(data.resolve("attachments").resolve("999999"), "stray attachment");
        Files.writeString(data.resolve("spool").resolve("stray.eml"), "stray spool file");
        Files.writeString(data.resolve("tmp").resolve("apache-tika-stray.tmp"), "stray temporary file");

        Server restarted = launch(data, true, null);
        try {
            restarted.awaitSettledAndDelivered(1);
            JsonNode tickets = restarted.api("/tickets");
            assertThat(tickets).hasSize(1);
            JsonNode ticket = restarted.api("/tickets/" + tickets.get(0).get("number").asLong());
            assertThat(ticket.get("messages")).hasSize(1);
            JsonNode message = ticket.get("messages").get(0);
            assertThat(message.get("attachments")).hasSize(1);
            assertThat(restarted.api("/outbox")).hasSize(1);
            assertThat(relay.getReceivedMessages()).as("acknowledged exactly once").hasSize(1);
            assertThat(relay.getReceivedMessages()[0].getSubject()).contains("Halted while filing");

            assertThat(names(data.resolve("sealed"))).containsExactly(message.get("id").asString());
            assertThat(names(data.resolve("attachments"))).containsExactly(message.get("attachments").get(0).get("id").asString());
            assertThat(names(data.resolve("spool"))).as("the filed message's raw bytes are gone").isEmpty();
            assertThat(names(data.resolve("tmp"))).isEmpty();
        } finally {
            restarted.kill();
        }
    }

    @Test
    void aServerHaltedBetweenCommittingTheOutboxAndSendingAcknowledgesExactlyOnceAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("postdesk-send-");
        String customer = "noa@halted.example";
        spoolAndKill(data, customer, RunningPostdeskMail.plain(customer, "Halted before sending", "Filed, not yet sent."));

        Server sending = launch(data, true, CrashPoint.BEFORE_SEND);
        sending.awaitHalt();
        assertThat(relay.getReceivedMessages()).as("halted before the relay saw anything").isEmpty();

        Server restarted = launch(data, true, null);
        try {
            restarted.awaitSettledAndDelivered(1);
            assertThat(restarted.api("/tickets")).hasSize(1);
            assertThat(restarted.api("/tickets").get(0).get("messageCount").asInt()).as("filed once, before the halt").isEqualTo(1);
            assertThat(restarted.api("/outbox")).hasSize(1);
            assertThat(relay.getReceivedMessages()).as("acknowledged exactly once").hasSize(1);
            assertThat(relay.getReceivedMessages()[0].getSubject()).contains("Halted before sending");
        } finally {
            restarted.kill();
        }
    }

    private static Set<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return new HashSet<>(files.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void aMessageThatWasTakenAsOftenAsAllowedWithoutAnOutcomeIsQuarantinedInsteadOfRunAgain() throws Exception {
        Path data = Files.createTempDirectory("postdesk-poison-");
        String customer = "poison@crash.example";
        try (ConfigurableApplicationContext first = start(data, false)) {
            RunningPostdeskMail.deliver(first.getBean(SmtpIngress.class).port(), customer,
                    RunningPostdeskMail.plain(customer, "Kills the server", "Every time it is filed."));
            // what five kills in the middle of processing leave (postdesk.pipeline.max-attempts is 5): taken five times, never settled
            first.getBean(JdbcTemplate.class).update("update spool set state = 'processing', attempts = 5");
        }

        try (ConfigurableApplicationContext second = start(data, true)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            RunningPostdesk.eventually("the quarantine entry", () -> jdbc.queryForObject("select count(*) from quarantine", Integer.class) == 1);
            assertThat(jdbc.queryForObject("select reason from quarantine", String.class)).contains("gave up after 5 attempts");
            assertThat(jdbc.queryForObject("select count(*) from tickets", Integer.class)).as("not run a sixth time").isZero();
            assertThat(jdbc.queryForObject("select count(*) from outbox", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("select sealed_for from spool", String.class)).as("kept sealed for a retry").isEqualTo(customer);
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
            RunningPostdesk.eventually("the spooled message filed and its acknowledgement delivered",
                    () -> jdbc.queryForObject("select count(*) from spool where state = 'done'", Integer.class) == 1
                            && jdbc.queryForObject("select count(*) from outbox where status = 'sent'", Integer.class) >= 1);
            assertThat(jdbc.queryForObject("select count(*) from outbox where status <> 'sent'", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from tickets", Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from messages", Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from outbox", Integer.class)).isEqualTo(1);
            assertThat(relay.getReceivedMessages()).hasSize(1);
            assertThat(relay.getReceivedMessages()[0].getSubject()).contains("Spooled before the crash");
        }

        try (ConfigurableApplicationContext third = start(data, true)) {
            // the positive event: a new message, filed and acknowledged after the restart resumed what it found
            String marker = "marker@crash.example";
            RunningPostdeskMail.deliver(third.getBean(SmtpIngress.class).port(), marker,
                    RunningPostdeskMail.plain(marker, "After the second restart", "Proves the pipeline ran."));
            JdbcTemplate jdbc = third.getBean(JdbcTemplate.class);
            RunningPostdesk.eventually("the marker filed and acknowledged", () -> relay.getReceivedMessages().length >= 2
                    && jdbc.queryForObject("select count(*) from spool where state <> 'done'", Integer.class) == 0
                    && jdbc.queryForObject("select count(*) from outbox where status <> 'sent'", Integer.class) == 0);
            assertThat(jdbc.queryForObject("select count(*) from tickets", Integer.class)).as("a further restart files nothing again").isEqualTo(2);
            assertThat(relay.getReceivedMessages()).hasSize(2);
        }
    }
}
