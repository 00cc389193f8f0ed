package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A person's data export over the real API: their tickets as agents see them, an mbox, originals only for a stated reason; audited. */
class SubjectExportTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ANNA = "export-anna@customer.example";
    private static final String OTHER = "export-other@customer.example";

    private void twoTicketsOfAnnaAndOneOfSomeoneElse() throws Exception {
        if (!ticketsOf(ANNA).isEmpty()) {
            return;
        }
        deliver(ANNA, SUPPORT, mail(ANNA, "Export printer jam", "The printer jams.\r\nFrom now on it jams daily."));
        deliver(ANNA, SUPPORT, """
                From: %s
                To: %s
                Subject: Export invoice question
                Message-ID: <export-invoice@customer.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8

                See the invoice notes.
                --b
                Content-Type: text/plain; charset=UTF-8; name="notes.txt"
                Content-Disposition: attachment; filename="notes.txt"

                Invoice 4711 was paid twice.
                --b--
                """.formatted(ANNA, SUPPORT).replace("\n", "\r\n"));
        deliver(OTHER, SUPPORT, mail(OTHER, "Export someone else's ticket", "Not Anna's business."));
        eventually("the three tickets", () -> ticketsOf(ANNA).size() == 2 && ticketsOf(OTHER).size() == 1);
        awaitSpoolSettled();
    }

    @Test
    void theExportHoldsThePersonsTicketsAsAgentsSeeThemAndAnMboxButNoOriginals() throws Exception {
        twoTicketsOfAnnaAndOneOfSomeoneElse();

        Map<String, byte[]> zip = export("/api/privacy/subjects/" + ANNA + "/export", 200);

        for (JsonNode ticket : ticketsOf(ANNA)) {
            long number = ticket.get("number").asLong();
            assertThat(zip).containsKey("tickets/" + number + ".json");
            assertThat(JSON.readTree(zip.get("tickets/" + number + ".json"))).as("ticket %d as agents see it", number).isEqualTo(ticket(number));
        }
        long others = ticketsOf(OTHER).get(0).get("number").asLong();
        assertThat(zip).doesNotContainKey("tickets/" + others + ".json");
        assertThat(zip.keySet()).noneMatch(name -> name.startsWith("originals/"));
        assertThat(zip.keySet()).anyMatch(name -> name.startsWith("attachments/") && name.endsWith("-notes.txt"));

        String mbox = new String(zip.get("messages.mbox"), StandardCharsets.UTF_8);
        assertThat(mbox).contains("Subject: Export printer jam", "Subject: Export invoice question", "\n>From now on it jams daily.\n")
                .doesNotContain("Not Anna's business");
        assertThat(mbox.split("\n")).filteredOn(line -> line.startsWith("From ")).hasSize(2);

        assertThat(lastAudit().get("action").asString()).isEqualTo("export");
        assertThat(lastAudit().get("reason").asString()).isEqualTo("without originals");
        assertThat(lastAudit().toString()).doesNotContain(ANNA);
    }

    @Test
    void originalsComeOnlyWithAStatedReasonThatIsRecorded() throws Exception {
        twoTicketsOfAnnaAndOneOfSomeoneElse();
        export("/api/privacy/subjects/" + ANNA + "/export?reason=short", 400);

        Map<String, byte[]> zip = export("/api/privacy/subjects/" + ANNA + "/export?reason=article%2015%20access%20request%20of%20the%20customer", 200);

        List<String> originals = zip.keySet().stream().filter(name -> name.startsWith("originals/")).toList();
        assertThat(originals).hasSize(2);
        assertThat(originals.stream().map(name -> new String(zip.get(name), StandardCharsets.UTF_8)))
                .anyMatch(raw -> raw.contains("Message-ID: <export-invoice@customer.example>") && raw.contains("Invoice 4711 was paid twice."));
        JsonNode audit = lastAudit();
        assertThat(audit.get("action").asString()).isEqualTo("export");
        assertThat(audit.get("reason").asString()).isEqualTo("with originals: article 15 access request of the customer");
        assertThat(audit.get("target").asString()).matches("person:[0-9a-f]{64}");
    }

    @Test
    void someoneWithoutTicketsGetsAnExportThatSaysSo() throws Exception {
        Map<String, byte[]> zip = export("/api/privacy/subjects/nobody-here@customer.example/export", 200);
        assertThat(new String(zip.get("README.txt"), StandardCharsets.UTF_8)).contains("0 ticket(s)");
        assertThat(zip.keySet()).noneMatch(name -> name.startsWith("tickets/"));
        export("/api/privacy/subjects/not-an-address/export", 400);
    }

    /** The last privileged action (the test's own ticket reads with the configured admin token are records too: left out). */
    private JsonNode lastAudit() {
        List<JsonNode> audit = JSON.readTree(call("/privacy/audit", PRIVACY_OFFICER_TOKEN).body()).valueStream()
                .filter(record -> !"admin-content-read".equals(record.get("action").asString())).toList();
        return audit.get(audit.size() - 1);
    }

    private Map<String, byte[]> export(String path, int status) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + PRIVACY_OFFICER_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (status == 200) {
            assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    entries.put(entry.getName(), zip.readAllBytes());
                }
            }
        }
        return entries;
    }
}
