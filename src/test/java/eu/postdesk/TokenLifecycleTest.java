package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API tokens over their life, over real HTTP: issued, listed, used, bound to networks, expired, revoked; each change audited. */
class TokenLifecycleTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpResponse<String> issue(String json) {
        return send("POST", "/api/tokens", ADMIN_TOKEN, json);
    }

    private String tokenOf(HttpResponse<String> issued) {
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return JSON.readTree(issued.body()).get("token").asString();
    }

    private JsonNode listed(String token, String name) {
        HttpResponse<String> list = send("GET", "/api/tokens", token, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return JSON.readTree(list.body()).valueStream().filter(t -> t.get("name").asString().equals(name)).findFirst().orElse(null);
    }

    @Test
    void aTokenIsListedWithItsLastUseButNeverItsValueAndIsRefusedOnceRevoked() {
        String token = tokenOf(issue("{\"name\":\"lifecycle agent\",\"role\":\"agent\",\"agent\":\"agent1@corp.test\"}"));
        assertThat(send("GET", "/api/tickets", token, null).statusCode()).isEqualTo(200);

        JsonNode entry = listed(ADMIN_TOKEN, "lifecycle agent");
        assertThat(entry).isNotNull();
        assertThat(entry.get("role").asString()).isEqualTo("agent");
        assertThat(entry.get("createdAt").asString()).isNotBlank();
        assertThat(entry.get("lastUsedAt").isNull()).as("last use recorded: " + entry).isFalse();
        assertThat(send("GET", "/api/tokens", ADMIN_TOKEN, null).body()).doesNotContain(token);
        assertThat(listed(PRIVACY_OFFICER_TOKEN, "lifecycle agent")).as("a privacy officer lists only privacy-officer tokens").isNull();

        String id = entry.get("id").asString();
        assertThat(send("DELETE", "/api/tokens/" + id, PRIVACY_OFFICER_TOKEN, null).statusCode()).as("not the officer's to revoke").isEqualTo(404);
        assertThat(send("DELETE", "/api/tokens/" + id, ADMIN_TOKEN, null).statusCode()).isEqualTo(204);

        assertThat(send("GET", "/api/tickets", token, null).statusCode()).isEqualTo(401);
        assertThat(listed(ADMIN_TOKEN, "lifecycle agent")).isNull();
        assertThat(audit()).anySatisfy(record -> {
            assertThat(record.get("action").asString()).isEqualTo("token-change");
            assertThat(record.get("target").asString()).isEqualTo("token " + id);
            assertThat(record.get("reason").asString()).isEqualTo("revoked a agent token");
        });
    }

    @Test
    void aTokenPastItsExpiryIsRefused() {
        String token = tokenOf(issue("{\"name\":\"short-lived\",\"role\":\"supervisor\",\"expires\":\"" + Instant.now().plusSeconds(2) + "\"}"));
        assertThat(send("GET", "/api/tickets", token, null).statusCode()).isEqualTo(200);
        eventually("the token to expire", () -> send("GET", "/api/tickets", token, null).statusCode() == 401);
        assertThat(send("GET", "/api/tickets", token, null).body()).contains("this token has expired");
        assertThat(issue("{\"name\":\"stale\",\"role\":\"agent\",\"agent\":\"agent1@corp.test\",\"expires\":\"2020-01-01\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void aTokenBoundToNetworksIsRefusedFromAnyOther() {
        String elsewhere = tokenOf(issue("{\"name\":\"office only\",\"role\":\"agent\",\"agent\":\"agent1@corp.test\",\"networks\":[\"192.0.2.0/24\", \"2001:db8::/32\"]}"));
        String here = tokenOf(issue("{\"name\":\"loopback\",\"role\":\"agent\",\"agent\":\"agent1@corp.test\",\"networks\":[\"127.0.0.0/8\"]}"));

        HttpResponse<String> refused = send("GET", "/api/tickets", elsewhere, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("this token may not be used from this network").doesNotContain("127.0.0.1");
        assertThat(send("GET", "/api/tickets", here, null).statusCode()).isEqualTo(200);
        assertThat(issue("{\"name\":\"bad\",\"role\":\"agent\",\"agent\":\"agent1@corp.test\",\"networks\":[\"10.0.0.0/33\"]}").statusCode()).isEqualTo(400);
        assertThat(issue("{\"name\":\"bad\",\"role\":\"agent\",\"agent\":\"agent1@corp.test\",\"networks\":[\"intranet.example\"]}").statusCode()).isEqualTo(400);
    }

    @Test
    void aRefusedTokenIsAuditedWithTheCallersAddressOnlyAsAKeyedHash() {
        String unknown = "pd_" + "ab".repeat(24);
        assertThat(send("GET", "/api/tickets", unknown, null).statusCode()).isEqualTo(401);

        List<JsonNode> refusals = audit().stream().filter(r -> r.get("action").asString().equals("authentication-failed")).toList();
        assertThat(refusals).isNotEmpty();
        JsonNode last = refusals.get(refusals.size() - 1);
        assertThat(last.get("reason").asString()).isEqualTo("refused an unknown token");
        assertThat(last.get("target").asString()).matches("person:[0-9a-f]{64}");
        assertThat(last.toString()).doesNotContain("127.0.0.1").doesNotContain(unknown);
    }

    @Test
    void theAuditTrailOfTheseChangesVerifiesOverTheApi() {
        tokenOf(issue("{\"name\":\"verified\",\"role\":\"agent\",\"agent\":\"agent1@corp.test\"}"));
        HttpResponse<String> verify = send("GET", "/api/privacy/audit/verify", PRIVACY_OFFICER_TOKEN, null);
        assertThat(verify.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(verify.body());
        assertThat(result.get("intact").asBoolean()).as(verify.body()).isTrue();
        assertThat(result.get("records").asLong()).isPositive();
        assertThat(send("GET", "/api/privacy/audit/verify", ADMIN_TOKEN, null).statusCode()).isEqualTo(403);
    }

    private List<JsonNode> audit() {
        HttpResponse<String> audit = send("GET", "/api/privacy/audit", PRIVACY_OFFICER_TOKEN, null);
        assertThat(audit.statusCode()).isEqualTo(200);
        return JSON.readTree(audit.body()).valueStream().toList();
    }

    private HttpResponse<String> send(String method, String path, String token, String json) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .header("Authorization", "Bearer " + token);
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
