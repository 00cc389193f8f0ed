package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import eu.postdesk.ingress.SmtpIngress;
import eu.postdesk.privacy.ReceiptSigner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole server on a data directory of its own, for the erasure and retention tests: started and
 * stopped at will (so the H2 file can be compacted and searched byte by byte), spoken to over its
 * own SMTP listener and HTTP API.
 */
final class PrivacyServer implements AutoCloseable {
    static final String ADMIN_TOKEN = "privacy-test-admin-token-0123456789";
    static final String OFFICER_TOKEN = "privacy-test-officer-token-0123456789";
    static final String SUPPORT = "support@helpdesk.test";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final ConfigurableApplicationContext context;
    final JdbcTemplate jdbc;
    private final int httpPort;

    PrivacyServer(Path data, int relayPort, Class<?>... extraSources) {
        this(data, relayPort, List.of(), extraSources);
    }

    PrivacyServer(Path data, int relayPort, List<String> extraArguments, Class<?>... extraSources) {
        List<Class<?>> sources = new ArrayList<>(List.of(Postdesk.class));
        sources.addAll(List.of(extraSources));
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0", "--postdesk.smtp.port=0", "--postdesk.data-dir=" + data,
                "--postdesk.support-addresses=" + SUPPORT, "--postdesk.api.admin-token=" + ADMIN_TOKEN,
                "--postdesk.api.privacy-officer-token=" + OFFICER_TOKEN,
                "--postdesk.agents[0].address=agent1@corp.test", "--postdesk.agents[0].name=Agent One",
                "--postdesk.outbound.host=127.0.0.1", "--postdesk.outbound.port=" + relayPort,
                "--postdesk.outbound.poll=50ms", "--postdesk.conf-dir=" + data.resolveSibling(data.getFileName() + "-conf")));
        arguments.addAll(extraArguments);
        context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(arguments.toArray(String[]::new));
        jdbc = context.getBean(JdbcTemplate.class);
        httpPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    void deliver(String from, String raw) throws IOException {
        RunningPostdeskMail.deliver(context.getBean(SmtpIngress.class).port(), from, raw);
    }

    /** The positive event before any count: the spool settled and every outgoing mail delivered. */
    void awaitSettled() {
        RunningPostdesk.eventually("the spool settled and the outbox delivered",
                () -> jdbc.queryForObject("select count(*) from spool where state <> 'done'", Integer.class) == 0
                        && jdbc.queryForObject("select count(*) from outbox where status <> 'sent'", Integer.class) == 0);
    }

    HttpResponse<String> send(String method, String path, String token, Object body) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    JsonNode officer(String method, String path, Object body, int expected) {
        HttpResponse<String> response = send(method, path, OFFICER_TOKEN, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    /** Whether the receipt's signature verifies under the public key the server publishes. */
    boolean receiptVerifies(JsonNode receipt) throws Exception {
        JsonNode key = officer("GET", "/privacy/receipt-key", null, 200);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("publicKey").asString())));
        return ReceiptSigner.verify(publicKey, receipt.get("document").asString(), receipt.get("signature").asString());
    }

    @Override
    public void close() {
        context.close();
    }

    /** Compacts the stopped server's H2 file (what an operator does after an erasure: docs/erasure.md). */
    static void compact(Path data) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("postdesk") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "postdesk", "")) {
            connection.createStatement().execute("SHUTDOWN COMPACT");
        }
    }

    /** Every file under the data directory that holds one of these byte strings, with the string. */
    static List<String> filesHolding(Path data, List<byte[]> needles) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (byte[] needle : needles) {
                    if (indexOf(bytes, needle) >= 0) {
                        found.add(data.relativize(file) + " holds " + printable(needle));
                    }
                }
            }
        }
        return found;
    }

    static List<byte[]> needles(String... words) {
        List<byte[]> out = new ArrayList<>();
        for (String word : words) {
            out.add(word.getBytes(StandardCharsets.UTF_8));
            out.add(word.toLowerCase().getBytes(StandardCharsets.UTF_8));
            out.add(word.getBytes(StandardCharsets.UTF_16BE));
        }
        return out;
    }

    private static String printable(byte[] needle) {
        return new String(needle, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "");
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
