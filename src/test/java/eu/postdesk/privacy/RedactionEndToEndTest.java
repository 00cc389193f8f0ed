package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public acceptance messages with secrets and identifiers, through the whole server with debug
 * logging: no listed value reaches what agents see (ticket, attachments, notifications), any log
 * line, a quarantine or drop reason, an outbox error or a ticket event; every expected attachment
 * is there, with its expected fate.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "logging.level.eu.postdesk=TRACE",
        "logging.level.org.apache.james=DEBUG",
        "logging.level.org.apache.tika=DEBUG",
        "logging.level.org.subethamail=DEBUG",
        "logging.level.org.springframework.integration=DEBUG"})
class RedactionEndToEndTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void noRedactedValueReachesAgentsOrLogsAndAttachmentsGetTheirFates(CapturedOutput output) throws Exception {
        JsonNode expectations = JSON.readTree(resource("/secrets/expectations.json"));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expectations.properties()) {
            String name = entry.getKey();
            int ticketsBefore = api("/tickets").size();
            relay.purgeEmailFromAllMailboxes();
            byte[] raw = resource("/secrets/" + name);
            deliver("sender@acceptance.test", SUPPORT, raw);
            eventually(name + " filed", () -> api("/tickets").size() == ticketsBefore + 1);
            awaitSpoolSettled();
            eventually(name + " notified", () -> relay.getReceivedMessages().length >= 3);

            JsonNode tickets = api("/tickets");
            JsonNode ticket = ticket(tickets.get(tickets.size() - 1).get("number").asLong());
            StringBuilder visible = new StringBuilder(ticket.toString());
            List<String> present = new ArrayList<>();
            for (JsonNode message : ticket.get("messages")) {
                for (JsonNode attachment : message.get("attachments")) {
                    present.add(attachment.get("name").asString());
                    String expected = expectedFate(entry.getValue(), attachment.get("name").asString());
                    if (expected != null && !expected.equals(attachment.get("fate").asString())) {
                        failures.add(name + ": " + attachment.get("name").asString() + " is " + attachment.get("fate").asString() + ", expected " + expected);
                    }
                    if (!"quarantined".equals(attachment.get("fate").asString())) {
                        visible.append(new String(attachmentBytes(attachment.get("id").asLong()), StandardCharsets.UTF_8));
                    }
                }
            }
            for (JsonNode attachment : entry.getValue().get("attachments")) {
                if (!present.contains(attachment.get("name").asString())) {
                    failures.add(name + ": the attachment " + attachment.get("name").asString() + " is missing (expected "
                            + attachment.get("fate").asString() + ")");
                }
            }
            for (MimeMessage mail : relay.getReceivedMessages()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                mail.writeTo(bytes);
                visible.append(bytes.toString(StandardCharsets.UTF_8)).append(String.valueOf(mail.getContent()));
            }
            for (JsonNode secret : entry.getValue().get("redacted")) {
                if (visible.indexOf(secret.asString()) >= 0) {
                    failures.add(name + ": a redacted value is visible to agents (" + secret.asString().length() + " chars, starts "
                            + secret.asString().substring(0, Math.min(4, secret.asString().length())) + ")");
                }
            }
        }
        String logs = output.getAll();
        // what operators read: quarantine and drop reasons, the outbox's errors, the spool's outcomes, ticket events
        String recorded = String.join("\n", jdbc.queryForList(
                "select reason from quarantine union all select reason from dropped union all select last_error from outbox where last_error is not null"
                        + " union all select outcome_detail from spool where outcome_detail is not null"
                        + " union all select detail from ticket_events where detail is not null", String.class));
        for (Map.Entry<String, JsonNode> entry : expectations.properties()) {
            for (JsonNode secret : entry.getValue().get("redacted")) {
                if (logs.contains(secret.asString())) {
                    failures.add(entry.getKey() + ": a redacted value reached the log");
                }
                if (recorded.contains(secret.asString())) {
                    failures.add(entry.getKey() + ": a redacted value reached a quarantine or drop reason, an outbox error or an event");
                }
            }
        }
        assertThat(logs).contains("DEBUG");
        assertThat(failures).isEmpty();
    }

    private static String expectedFate(JsonNode expectation, String name) {
        for (JsonNode attachment : expectation.get("attachments")) {
            if (attachment.get("name").asString().equals(name)) {
                return attachment.get("fate").asString();
            }
        }
        return null;
    }

    private byte[] attachmentBytes(long id) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/attachments/" + id))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
