package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every endpoint of the API against every kind of caller, over real HTTP; and what errors say. */
class ApiRolesTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CUSTOMER = "roles-customer@customer.example";
    private static final String BAD_TOKEN = "pd_000000000000000000000000000000000000000000000000";

    /** The callers: a token per role, none, and one the server never issued. */
    private Map<String, String> callers() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("agent", issued(ADMIN_TOKEN, "agent"));
        callers.put("admin", ADMIN_TOKEN);
        callers.put("privacy-officer", PRIVACY_OFFICER_TOKEN);
        callers.put("none", null);
        callers.put("bad token", BAD_TOKEN);
        return callers;
    }

    private String issued(String issuer, String role) {
        var response = post("/tokens", issuer, role.equals("agent") ? Map.of("name", "roles test " + role, "role", role, "agent", AGENT1)
                : Map.of("name", "roles test " + role, "role", role));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("token").asString();
    }

    /** A ticket with one kept attachment; returns the ticket number, message id and attachment id. */
    private long[] aTicketWithAnAttachment() throws Exception {
        if (ticketsOf(CUSTOMER).isEmpty()) {
            deliver(CUSTOMER, SUPPORT, """
                    From: %s
                    To: %s
                    Subject: Roles
                    Message-ID: <roles@customer.example>
                    MIME-Version: 1.0
                    Content-Type: multipart/mixed; boundary="b"

                    --b
                    Content-Type: text/plain; charset=UTF-8

                    See the notes.
                    --b
                    Content-Type: text/plain; charset=UTF-8; name="notes.txt"
                    Content-Disposition: attachment; filename="notes.txt"

                    Nothing secret in here.
                    --b--
                    """.formatted(CUSTOMER, SUPPORT).replace("\n", "\r\n"));
            eventually("the ticket", () -> !ticketsOf(CUSTOMER).isEmpty());
        }
        long number = ticketsOf(CUSTOMER).get(0).get("number").asLong();
        JsonNode message = ticket(number).get("messages").get(0);
        return new long[] {number, message.get("id").asLong(), message.get("attachments").get(0).get("id").asLong()};
    }

    @Test
    void everyEndpointAnswersEachCallerAsItsRoleMay() throws Exception {
        long[] ids = aTicketWithAnAttachment();
        Map<String, String> callers = callers();
        // path -> expected status for agent, admin, privacy-officer, none, bad token
        Map<String, List<Integer>> gets = new LinkedHashMap<>();
        gets.put("/tickets", List.of(200, 200, 200, 401, 401));
        gets.put("/tickets/" + ids[0], List.of(200, 200, 200, 401, 401));
        gets.put("/attachments/" + ids[2], List.of(200, 200, 200, 401, 401));
        gets.put("/outbox", List.of(403, 200, 403, 401, 401));
        gets.put("/quarantine", List.of(403, 200, 403, 401, 401));
        gets.put("/dropped", List.of(403, 200, 403, 401, 401));
        gets.put("/pipeline", List.of(403, 200, 403, 401, 401));
        gets.put("/messages/" + ids[1] + "/original?reason=roles%20test%20of%20the%20API", List.of(403, 403, 200, 401, 401));
        gets.put("/privacy/audit", List.of(403, 403, 200, 401, 401));
        gets.put("/privacy/erasures", List.of(403, 403, 200, 401, 401));
        gets.put("/privacy/holds", List.of(403, 403, 200, 401, 401));
        gets.put("/privacy/receipt-key", List.of(403, 403, 200, 401, 401));
        gets.put("/privacy/retention/preview", List.of(403, 403, 200, 401, 401));
        gets.put("/privacy/retention/runs", List.of(403, 403, 200, 401, 401));
        gets.put("/no-such-path", List.of(404, 404, 404, 401, 401));
        Map<String, List<Integer>> issuing = new LinkedHashMap<>();
        issuing.put("agent", List.of(403, 201, 403, 401, 401));
        issuing.put("admin", List.of(403, 201, 403, 401, 401));
        issuing.put("privacy-officer", List.of(403, 403, 201, 401, 401));

        SoftAssertions softly = new SoftAssertions();
        List<String> names = List.copyOf(callers.keySet());
        for (int i = 0; i < names.size(); i++) {
            String token = callers.get(names.get(i));
            for (var get : gets.entrySet()) {
                var response = request("GET", "/api" + get.getKey(), token, null);
                softly.assertThat(response.statusCode()).as("GET %s as %s: %s", get.getKey(), names.get(i), response.body())
                        .isEqualTo(get.getValue().get(i));
                if (response.statusCode() >= 400) {
                    softly.assertThat(response.body()).as("error body of GET %s as %s", get.getKey(), names.get(i))
                            .contains("\"error\"", "\"message\"", "\"correlationId\"");
                }
            }
            for (var role : issuing.entrySet()) {
                var response = request("POST", "/api/tokens", token, "{\"name\":\"matrix\",\"role\":\"" + role.getKey() + "\""
                        + (role.getKey().equals("agent") ? ",\"agent\":\"" + AGENT1 + "\"" : "") + "}");
                softly.assertThat(response.statusCode()).as("POST /tokens for %s as %s: %s", role.getKey(), names.get(i), response.body())
                        .isEqualTo(role.getValue().get(i));
            }
        }
        softly.assertAll();
    }

    @Test
    void aPathInAnyOtherSpellingIsRefusedOrAuthenticatedTheSame() {
        String agent = issued(ADMIN_TOKEN, "agent");
        for (String path : List.of("/%61pi/outbox", "/api;x/outbox", "/api/outbox;x", "//api/outbox", "/api//outbox", "/api/./outbox",
                "/api/tickets/../outbox", "/API/outbox", "/api/%6futbox", "/api/outbox/", "/api/outbox.json", "/x/../api/outbox",
                "/api/%2e%2e/api/outbox", "/api%2Foutbox", "/api/tickets%2F..%2Foutbox", "/api/outbox%00", "/api/outbox?x=/../")) {
            for (String token : new String[] {null, BAD_TOKEN, agent}) {
                var response = request("GET", path, token, null);
                assertThat(response.statusCode()).as("GET %s with %s: %s", path, token == null ? "no token" : token, response.body())
                        .isIn(400, 401, 403, 404);
                if (!agent.equals(token)) {
                    assertThat(response.statusCode()).as("GET %s without a valid token", path).isIn(400, 401);
                }
                assertThat(response.body()).as("GET %s", path).doesNotContain("\"to\"", "\"status\"");
            }
        }
    }

    @Test
    void onlyAPrivacyOfficerMintsPrivacyOfficersAndTheAuditNamesTheTokenNotJustItsName() throws Exception {
        long[] ids = aTicketWithAnAttachment();
        assertThat(post("/tokens", ADMIN_TOKEN, Map.of("name", "the privacy officer", "role", "privacy-officer")).statusCode()).isEqualTo(403);
        String officer = issued(PRIVACY_OFFICER_TOKEN, "privacy-officer");

        var opened = request("GET", "/api/messages/" + ids[1] + "/original?reason=access%20request%20by%20the%20customer", officer, null);
        assertThat(opened.statusCode()).isEqualTo(200);

        JsonNode last = JSON.readTree(call("/privacy/audit", officer).body()).valueStream()
                .reduce((first, second) -> second).orElseThrow();
        assertThat(last.get("who").asString()).contains("roles test privacy-officer").contains("[token ")
                .contains("issued by privacy officer (postdesk.api.privacy-officer-token)");
    }

    @Test
    void errorBodiesCarryAFixedMessageAndACorrelationIdNeverWhatTheCallerSent() {
        String probe = "lena.secret@customer.example";
        List<HttpResponse<String>> errors = List.of(
                request("GET", "/api/tickets/" + probe, ADMIN_TOKEN, null),
                request("GET", "/api/no-such/" + probe, ADMIN_TOKEN, null),
                request("DELETE", "/api/tickets", ADMIN_TOKEN, null),
                request("POST", "/api/tokens", ADMIN_TOKEN, "{\"name\": \"" + probe),
                request("POST", "/api/tokens", ADMIN_TOKEN, "{\"name\": \"x\", \"role\": \"" + probe + "\"}"),
                request("GET", "/error", ADMIN_TOKEN, null),
                request("GET", "/api/tickets", probe + "-token", null));
        for (HttpResponse<String> error : errors) {
            assertThat(error.statusCode()).as(error.request().method() + " " + error.request().uri()).isBetween(400, 499);
            assertThat(error.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            JsonNode body = JSON.readTree(error.body());
            assertThat(body.get("correlationId").asString()).as(error.body()).matches("[0-9a-f-]{36}");
            assertThat(body.get("message").asString()).as(error.body()).isNotBlank();
            assertThat(error.body()).doesNotContain("lena.secret").doesNotContain("Exception").doesNotContain("trace");
        }
    }

    private HttpResponse<String> request(String method, String rawPath, String token, String json) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + rawPath))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
