package eu.postdesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What operators watch, over real HTTP after real mail went through: health (open on loopback),
 * Prometheus metrics (admin only) with per-mailet timings, spool depth, 250-to-outcome latency and
 * outbox states, and the OpenAPI document; none of it carries an address, a subject or a word of a mail.
 */
class WatchingItRunTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CUSTOMER = "watch-customer@watchers.example";

    private HttpResponse<String> get(String path, String token) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private String agentToken() {
        var response = post("/tokens", ADMIN_TOKEN, Map.of("name", "watch test agent", "role", "agent", "agent", AGENT1));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("token").asString();
    }

    private void mailWentThrough() throws IOException {
        if (ticketsOf(CUSTOMER).isEmpty()) {
            deliver(CUSTOMER, SUPPORT, mail(CUSTOMER, "Zebrafish invoice question", "My word is Quokkamarmalade, call 0170 5551234."));
            eventually("the mail to make a ticket", () -> !ticketsOf(CUSTOMER).isEmpty());
            awaitSpoolSettled();
        }
    }

    @Test
    void healthIsOpenOnLoopbackAndNamesTheDatabaseTheSpoolAndTheOutbox() throws Exception {
        mailWentThrough();
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.get("status").asString()).isEqualTo("UP");
        assertThat(body.get("components").propertyNames()).contains("db", "spool", "outbox", "livenessState", "readinessState");
        assertThat(body.get("components").get("spool").get("details").get("waiting").asLong()).isZero();

        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).get("components").propertyNames()).contains("db", "spool", "outbox");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsNeedAnAdminTokenAndShowEachMailetTheSpoolTheLatencyAndTheOutbox() throws Exception {
        mailWentThrough();
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", agentToken()).statusCode()).isEqualTo(403);
        HttpResponse<String> metrics = get("/actuator/prometheus", ADMIN_TOKEN);
        assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("postdesk_mailet_seconds_count\\{[^}]*mailet=\"FileIntoTicket\"[^}]*outcome=\"ok\"[^}]*processor=\"customer\"")
                .containsPattern("postdesk_mailet_seconds_count\\{[^}]*mailet=\"RedactSensitiveData\"")
                .containsPattern("postdesk_matcher_seconds_count\\{[^}]*matched=\"false\"[^}]*matcher=\"IsAutoReply\"")
                .containsPattern("postdesk_mail_settled_seconds_count\\{outcome=\"filed\"")
                .containsPattern("postdesk_spool_messages\\{state=\"pending\"\\}")
                .containsPattern("postdesk_outbox_mails\\{status=\"sent\"\\}");
    }

    @Test
    void healthAndMetricsCarryNoPersonalDataAfterRealMailWentThrough() throws Exception {
        mailWentThrough();
        String agent = agentToken();
        for (String output : List.of(get("/actuator/health", null).body(), get("/actuator/health/readiness", null).body(),
                get("/actuator/prometheus", ADMIN_TOKEN).body())) {
            assertThat(output.toLowerCase()).doesNotContain("watch-customer", "watchers.example", "zebrafish", "quokka", "5551234",
                    "helpdesk.test", "corp.test", ADMIN_TOKEN, agent, PRIVACY_OFFICER_TOKEN);
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheApiToAnyTokenHolder() {
        assertThat(get("/api/openapi.json", null).statusCode()).isEqualTo(401);
        HttpResponse<String> document = get("/api/openapi.json", agentToken());
        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        JsonNode openapi = JSON.readTree(document.body());
        assertThat(openapi.get("openapi").asString()).startsWith("3.");
        assertThat(openapi.get("paths").propertyNames()).contains("/api/tickets", "/api/outbox", "/api/pipeline");
    }
}
