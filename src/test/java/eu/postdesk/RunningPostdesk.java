package eu.postdesk;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.ingress.SmtpIngress;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Postdesk for end-to-end tests: its own SMTP listener and HTTP API on free ports, an H2
 * file database in a fresh folder, and GreenMail as the relay that receives what it sends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// as the acceptance runner does: the test agents have no DKIM keys (a test class that verifies
// agents sets its own policy with @DynamicPropertySource, which takes precedence over this)
// and no DNS checks of inbound mail unless a test gives the resolver it controls
@org.springframework.test.context.TestPropertySource(properties = {"postdesk.agent-verification[corp.test]=token-only",
        "postdesk.authentication=off"})
public abstract class RunningPostdesk {
    public static final String SUPPORT = "support@helpdesk.test";
    public static final String AGENT1 = "agent1@corp.test";
    public static final String AGENT2 = "agent2@corp.test";
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    public static final String PRIVACY_OFFICER_TOKEN = "test-privacy-officer-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One relay for the whole test run: Spring caches the server context across test classes, and with it the relay's port. */
    protected static final GreenMail relay = startRelay();

    private static GreenMail startRelay() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        return greenMail;
    }

    @LocalServerPort
    protected int httpPort;

    @Autowired
    protected SmtpIngress ingress;

    @Autowired
    protected org.springframework.jdbc.core.JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postdesk(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("postdesk-test-");
        registry.add("postdesk.data-dir", data::toString);
        registry.add("postdesk.smtp.port", () -> 0);
        registry.add("postdesk.support-addresses", () -> SUPPORT);
        registry.add("postdesk.agents[0].address", () -> AGENT1);
        registry.add("postdesk.agents[0].name", () -> "Agent One");
        registry.add("postdesk.agents[1].address", () -> AGENT2);
        registry.add("postdesk.agents[1].name", () -> "Agent Two");
        registry.add("postdesk.outbound.host", () -> "127.0.0.1");
        registry.add("postdesk.outbound.port", () -> relay.getSmtp().getPort());
        registry.add("postdesk.outbound.poll", () -> "50ms");
        registry.add("postdesk.api.admin-token", () -> ADMIN_TOKEN);
        registry.add("postdesk.api.privacy-officer-token", () -> PRIVACY_OFFICER_TOKEN);
        // postdesk.conf-dir stays at its default, ./conf of the module folder, which holds none: the
        // jar's copy of conf/ is used. A test class that plays an operator sets its own conf-dir.
    }

    @BeforeEach
    void emptyRelay() throws Exception {
        relay.purgeEmailFromAllMailboxes();
    }

    /** Delivers raw bytes over SMTP to the server's own listener; returns the final reply line. */
    protected SmtpConversation smtp() throws IOException {
        return new SmtpConversation("127.0.0.1", ingress.port());
    }

    protected void deliver(String from, String to, String raw) throws IOException {
        deliver(from, to, raw.getBytes(StandardCharsets.UTF_8));
    }

    protected void deliver(String from, String to, byte[] raw) throws IOException {
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            smtp.command("EHLO test.example").expect("250");
            smtp.command("MAIL FROM:<" + from + ">").expect("250");
            smtp.command("RCPT TO:<" + to + ">").expect("250");
            smtp.command("DATA").expect("354");
            smtp.data(raw).expect("250");
            smtp.command("QUIT");
        }
    }

    protected static byte[] resource(String name) throws IOException {
        try (var in = RunningPostdesk.class.getResourceAsStream(name.startsWith("/") ? name : "/mail/" + name)) {
            if (in == null) {
                throw new IOException("no test mail " + name);
            }
            return in.readAllBytes();
        }
    }

    protected JsonNode api(String path) {
        HttpResponse<String> response = call(path, ADMIN_TOKEN);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    protected HttpResponse<String> call(String path, String token) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path)).GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected HttpResponse<String> post(String path, String token, Map<String, String> body) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token);
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The tickets whose customer is this address. */
    protected List<JsonNode> ticketsOf(String customer) {
        return api("/tickets").valueStream().filter(t -> t.get("customer").asString().equals(customer)).toList();
    }

    protected JsonNode ticket(long number) {
        return api("/tickets/" + number);
    }

    /** Waits (bounded) until the condition holds; fails the test otherwise. */
    public static void eventually(String what, BooleanSupplier condition) {
        eventually(what, condition, Duration.ofSeconds(20));
    }

    public static void eventually(String what, BooleanSupplier condition, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("waited " + patience.toSeconds() + " s for: " + what);
    }

    /** Mail the relay received for this address. */
    protected static List<MimeMessage> relayedTo(String address) {
        return Arrays.stream(relay.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().toLowerCase().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** Waits until the server has settled every message: the spool holds nothing pending. */
    protected void awaitSpoolSettled() {
        eventually("the spool to be processed", () -> jdbc.queryForObject("select count(*) from spool where state <> 'done'", Integer.class) == 0);
    }

    /** A plain customer mail. */
    protected static String mail(String from, String subject, String body, String... headers) {
        StringBuilder raw = new StringBuilder();
        raw.append("From: ").append(from).append("\r\n");
        raw.append("To: ").append(SUPPORT).append("\r\n");
        raw.append("Subject: ").append(subject).append("\r\n");
        raw.append("Message-ID: <").append(java.util.UUID.randomUUID()).append("@customer.example>\r\n");
        raw.append("Date: Tue, 04 Mar 2025 10:00:00 +0100\r\n");
        for (String header : headers) {
            raw.append(header).append("\r\n");
        }
        raw.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
        raw.append(body).append("\r\n");
        return raw.toString();
    }
}
