package eu.postdesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import eu.postdesk.RunningPostdesk;
import eu.postdesk.SmtpConversation;
import eu.postdesk.pipeline.Replay;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replay tries a chain without side effects and reproduces what the server does: the public
 * acceptance corpus's first messages, filed through the running server over SMTP, replayed with the
 * shipped chain, get the same outcome per message, and nothing is written or sent by the replay.
 */
class ReplayTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The public acceptance corpus: shared/acceptance in this folder or a parent (the checkout's neighbour). */
    private static final Path CORPUS = corpus();

    private static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/acceptance"))) {
                return dir.resolve("shared/acceptance");
            }
        }
        return null;
    }
    private static final List<String> TABLES = List.of("spool", "tickets", "messages", "outbox", "dropped", "quarantine", "attachments");

    private HttpResponse<String> replay(Map<String, Object> body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/pipeline/replay"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Delivers as the acceptance runner does (MAIL FROM: the Return-Path, else the From); the spool id, or null when refused. */
    private Long file(byte[] raw) throws IOException {
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from spool", Long.class);
        String sender = Replay.envelopeSender(raw);
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            smtp.command("EHLO replay.example").expect("250");
            smtp.command("MAIL FROM:<" + (sender == null ? "" : sender) + ">").expect("250");
            smtp.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            smtp.command("DATA").expect("354");
            String reply = smtp.data(raw).reply();
            if (!reply.startsWith("250")) {
                return null;
            }
        }
        awaitSpoolSettled();
        return jdbc.queryForObject("select max(id) from spool where id > ?", Long.class, before);
    }

    /** What the server did with a spooled message, in the replay's words. */
    private String serverOutcome(long spoolId) {
        String outcome = jdbc.queryForObject("select outcome from spool where id = ?", String.class, spoolId);
        return switch (outcome) {
            case "filed", "duplicate" -> "ticket";
            case "relayed" -> "agent-answer";
            case "dropped" -> "dropped: " + jdbc.queryForObject("select reason from dropped where spool_id = ?", String.class, spoolId);
            case "quarantined" -> "quarantine: " + jdbc.queryForObject("select reason from quarantine where spool_id = ?", String.class, spoolId);
            default -> outcome;
        };
    }

    private static String replayed(JsonNode outcome) {
        String kind = outcome.get("kind").asString();
        return kind.equals("ticket") || kind.equals("agent-answer") ? kind : kind + ": " + outcome.get("reason").asString();
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.forEach(table -> counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class)));
        return counts;
    }

    @Test
    void theShippedChainReplayedOnTheAcceptanceCorpusGivesWhatTheServerDidAndChangesNothing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(CORPUS != null,
                "the public acceptance corpus (shared/acceptance beside the checkout) is not on this machine: replay is not compared with it here");
        List<Path> firsts;
        try (Stream<Path> cases = Files.list(CORPUS)) {
            firsts = cases.map(c -> c.resolve("01.eml")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(firsts).hasSizeGreaterThan(20);
        Map<String, String> server = new LinkedHashMap<>();
        List<Map<String, String>> messages = new ArrayList<>();
        for (Path eml : firsts) {
            // a header of its own, so that no other test's copy of the same bytes stands in for this one
            byte[] raw = concat(("X-Replay-Test: " + UUID.randomUUID() + "\r\n").getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(eml));
            Long spoolId = file(raw);
            if (spoolId == null) {
                continue;
            }
            String name = eml.getParent().getFileName().toString();
            server.put(name, serverOutcome(spoolId));
            messages.add(Map.of("name", name, "raw", Base64.getEncoder().encodeToString(raw)));
        }
        assertThat(server.values()).contains("ticket").anyMatch(o -> o.startsWith("dropped: "));
        eventually("the server's own mail delivered", () -> jdbc.queryForObject("select count(*) from outbox where status = 'held'", Long.class) == 0);
        Map<String, Long> before = counts();
        int relayed = relay.getReceivedMessages().length;

        HttpResponse<String> response = replay(Map.of("chain", Files.readString(Path.of("../conf/mailetcontainer.xml")), "messages", messages));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        Map<String, String> replayed = new LinkedHashMap<>();
        report.get("messages").valueStream().forEach(m -> replayed.put(m.get("name").asString(), replayed(m.get("outcome"))));
        assertThat(replayed).containsExactlyEntriesOf(server);
        assertThat(report.get("summary").get("different").asLong()).isZero();
        assertThat(counts()).as("nothing written by the replay").isEqualTo(before);
        assertThat(relay.getReceivedMessages()).as("nothing sent by the replay").hasSize(relayed);

        JsonNode first = report.get("messages").get(0);
        assertThat(first.get("steps").valueStream().filter(s -> s.get("matcher").asString().equals("IsAutoReply")))
                .singleElement().satisfies(s -> assertThat(s.get("matched").asBoolean()).isFalse());
        JsonNode receipt = report.get("messages").valueStream().filter(m -> m.get("name").asString().equals("018-de-safelinks-read-receipt"))
                .findFirst().orElseThrow();
        assertThat(receipt.get("steps").valueStream().filter(s -> "RemoveReadReceiptRequests".equals(s.get("mailet").asString())))
                .singleElement().satisfies(s -> assertThat(s.get("headersRemoved").valueStream().map(JsonNode::asString))
                        .anyMatch(h -> h.startsWith("Disposition-Notification-To:")));
    }

    @Test
    void aChangedChainShowsWhereItsOutcomeDiffersFromTheRunningOne() throws Exception {
        String shipped = Files.readString(Path.of("../conf/mailetcontainer.xml"));
        String stricter = shipped.replace("<mailet match=\"RecipientIsReplyAddress\" class=\"ToProcessor\">",
                "<mailet match=\"SubjectStartsWith=Invoice\" class=\"DropNoise\"><reason>invoices go elsewhere</reason></mailet>\n"
                        + "<mailet match=\"RecipientIsReplyAddress\" class=\"ToProcessor\">");
        String raw = mail("replay-diff@customer.example", "Invoice 4711 is wrong", "Please check my password: Hunter2-Secret!");
        HttpResponse<String> response = replay(Map.of("chain", stricter,
                "messages", List.of(Map.of("name", "invoice.eml", "raw", Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8))))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode message = JSON.readTree(response.body()).get("messages").get(0);
        assertThat(replayed(message.get("outcome"))).isEqualTo("dropped: invoices go elsewhere");
        assertThat(replayed(message.get("currentOutcome"))).isEqualTo("ticket");
        assertThat(message.get("differs").asBoolean()).isTrue();
        assertThat(ticketsOf("replay-diff@customer.example")).isEmpty();

        HttpResponse<String> current = replay(Map.of("messages", List.of(Map.of("name", "invoice.eml",
                "raw", Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8))))));
        JsonNode redaction = JSON.readTree(current.body()).get("messages").get(0).get("steps").valueStream()
                .filter(s -> "RedactSensitiveData".equals(s.get("mailet").asString())).findFirst().orElseThrow();
        assertThat(redaction.get("bodyDiff").valueStream().map(JsonNode::asString))
                .anyMatch(line -> line.startsWith("- ") && line.contains("Hunter2-Secret!"))
                .anyMatch(line -> line.startsWith("+ ") && !line.contains("Hunter2-Secret!"));
        assertThat(ticketsOf("replay-diff@customer.example")).isEmpty();
    }

    @Test
    void storedMailIsReplayedFromItsSealedOriginalShowingNamesAndCountsButNoContent() throws Exception {
        String customer = "replay-stored@customer.example";
        deliver(customer, SUPPORT, mail(customer, "Stored question", "Mein Passwort: Geheim-Stored-2024!"));
        eventually("the ticket", () -> !ticketsOf(customer).isEmpty());
        long id = ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0).get("id").asLong();
        long tickets = jdbc.queryForObject("select count(*) from tickets", Long.class);

        HttpResponse<String> response = replay(Map.of("stored", id + ".." + id));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("Geheim-Stored-2024!").doesNotContain(customer);
        JsonNode message = JSON.readTree(response.body()).get("messages").get(0);
        assertThat(message.get("name").asString()).isEqualTo("message " + id);
        assertThat(replayed(message.get("outcome"))).isEqualTo("ticket");
        JsonNode redaction = message.get("steps").valueStream().filter(s -> "RedactSensitiveData".equals(s.get("mailet").asString())).findFirst().orElseThrow();
        assertThat(redaction.get("bodyDiff").valueStream().map(JsonNode::asString)).singleElement().asString().matches("\\d+ lines removed, \\d+ added");
        assertThat(jdbc.queryForObject("select count(*) from tickets", Long.class)).isEqualTo(tickets);

        String logging = Files.readString(Path.of("../conf/mailetcontainer.xml"))
                .replace("<mailet match=\"All\" class=\"SanitizeHtml\"/>", "<mailet match=\"All\" class=\"LogMessage\"/>");
        HttpResponse<String> refused = replay(Map.of("chain", logging, "stored", id + ".." + id));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("message").asString()).contains("'LogMessage'").contains("may not replay stored mail");
    }

    @Test
    void aChainThatCannotRunIsRefusedWithItsLine() throws Exception {
        HttpResponse<String> response = replay(Map.of("chain", "<mailetcontainer><processors>\n<processor state=\"root\">\n<mailet match=\"All\" class=\"NoSuchMailet\"/>\n"
                + "</processor><processor state=\"error\"/></processors></mailetcontainer>", "messages",
                List.of(Map.of("raw", Base64.getEncoder().encodeToString("Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII))))));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("message").asString()).contains("line 3").contains("unknown mailet 'NoSuchMailet'");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
