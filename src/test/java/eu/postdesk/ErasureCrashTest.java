package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An erasure is resumable: a server that dies (as with kill -9) after erasing the first of a
 * person's tickets finishes the request at its next start, and another customer's ticket is untouched.
 */
class ErasureCrashTest {
    private static final String ADMIN = "erasure-crash-admin-token-0123456789";
    private static final String OFFICER = "erasure-crash-officer-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DORA = "dora.crash@example.com";
    private static final String EMIL = "emil.stays@example.org";

    @RegisterExtension
    static final GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private record Server(Process process, int smtpPort, int httpPort) {
        HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }

        JsonNode get(String path, String token) throws Exception {
            HttpResponse<String> response = send("GET", path, token, null);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    private static Server launch(Path data, String crashAt) throws Exception {
        int smtp = freePort();
        int http = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (crashAt != null) {
            command.add("-Dpostdesk.test.crash-at=" + crashAt);
        }
        command.addAll(List.of(Postdesk.class.getName(), "--server.port=" + http, "--postdesk.smtp.port=" + smtp,
                "--postdesk.data-dir=" + data, "--postdesk.support-addresses=support@helpdesk.test",
                "--postdesk.api.admin-token=" + ADMIN, "--postdesk.api.privacy-officer-token=" + OFFICER,
                "--postdesk.outbound.host=127.0.0.1", "--postdesk.outbound.port=" + relay.getSmtp().getPort(),
                "--postdesk.outbound.poll=50ms", "--postdesk.conf-dir=" + data.resolve("no-conf")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + "-" + crashAt + "-" + System.nanoTime() + ".log").toFile()).start();
        Server server = new Server(process, smtp, http);
        RunningPostdesk.eventually("the server's SMTP listener and API", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue());
            }
            try (var socket = new java.net.Socket("127.0.0.1", smtp)) {
                return server.send("GET", "/pipeline", ADMIN, null).statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        }, Duration.ofSeconds(120));
        return server;
    }

    private static int freePort() throws Exception {
        try (var probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aServerKilledInTheMiddleOfAnErasureFinishesItAtTheNextStartAndTouchesNoOneElse() throws Exception {
        Path data = Files.createTempDirectory("postdesk-erasure-crash-");
        Server filing = launch(data, null);
        try {
            RunningPostdeskMail.deliver(filing.smtpPort(), DORA, RunningPostdeskMail.plain(DORA, "First of two", "One."));
            RunningPostdeskMail.deliver(filing.smtpPort(), DORA, RunningPostdeskMail.plain(DORA, "Second of two", "Two."));
            RunningPostdeskMail.deliver(filing.smtpPort(), EMIL, RunningPostdeskMail.plain(EMIL, "Mine stays", "Three."));
            RunningPostdesk.eventually("three tickets filed and acknowledged", () -> {
                try {
                    return filing.get("/tickets", ADMIN).size() == 3 && filing.get("/outbox", ADMIN).valueStream()
                            .filter(m -> "sent".equals(m.get("status").asString())).count() == 3;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(60));
        } finally {
            filing.kill();
        }

        Server erasing = launch(data, CrashPoint.ERASURE);
        HttpResponse<String> created = erasing.send("POST", "/privacy/erasures", OFFICER,
                "{\"subjects\": [\"" + DORA + "\"], \"reason\": \"asked in writing\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();
        try {
            erasing.send("POST", "/privacy/erasures/" + id + "/confirm", OFFICER, null);
        } catch (java.io.IOException halted) {
            // the server died while answering: what a kill -9 does
        }
        assertThat(erasing.process().waitFor(90, TimeUnit.SECONDS)).as("the server halted at its crash point").isTrue();
        assertThat(erasing.process().exitValue()).isEqualTo(137);
        try (var connection = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("postdesk") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "postdesk", "");
             var statement = connection.createStatement();
             var steps = statement.executeQuery("select count(*) filter (where done), count(*) from erasure_steps")) {
            steps.next();
            assertThat(steps.getInt(1)).as("one ticket erased before the kill").isEqualTo(1);
            assertThat(steps.getInt(2)).as("of the two planned").isEqualTo(2);
        }

        Server restarted = launch(data, null);
        try {
            RunningPostdesk.eventually("the erasure finished after the restart", () -> {
                try {
                    return "done".equals(restarted.get("/privacy/erasures/" + id, OFFICER).get("status").asString());
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(60));
            JsonNode receipt = restarted.get("/privacy/erasures/" + id, OFFICER).get("receipt");
            assertThat(receipt.get("tickets")).hasSize(2);
            assertThat(receipt.get("erased").get("messages").asInt()).as("each message counted once").isEqualTo(2);
            JsonNode tickets = restarted.get("/tickets", ADMIN);
            assertThat(tickets).hasSize(1);
            assertThat(tickets.get(0).get("customer").asString()).isEqualTo(EMIL);
            JsonNode emils = restarted.get("/tickets/" + tickets.get(0).get("number").asLong(), ADMIN);
            assertThat(emils.get("messages")).hasSize(1);
            assertThat(restarted.get("/outbox", ADMIN).valueStream().map(m -> m.get("to").asString()).toList()).containsExactly(EMIL);
        } finally {
            restarted.kill();
        }
    }
}
