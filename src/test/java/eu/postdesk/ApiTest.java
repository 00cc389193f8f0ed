package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiTest extends RunningPostdesk {

    @Test
    void withoutAValidTokenTheApiAnswers401WithAJsonError() {
        var none = call("/tickets", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"error\"").contains("\"message\"");
        assertThat(call("/tickets", "not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void anAgentMayReadTicketsButNotTheOutboxOrQuarantine() {
        var issued = post("/tokens", ADMIN_TOKEN, Map.of("name", "agent one's laptop", "role", "agent", "agent", AGENT1));
        assertThat(issued.statusCode()).isEqualTo(201);
        String agentToken = issued.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        assertThat(call("/tickets", agentToken).statusCode()).isEqualTo(200);
        var outbox = call("/outbox", agentToken);
        assertThat(outbox.statusCode()).isEqualTo(403);
        assertThat(outbox.body()).contains("may not read the outbox");
        assertThat(call("/quarantine", agentToken).statusCode()).isEqualTo(403);
        assertThat(post("/tokens", agentToken, Map.of("name", "x", "role", "admin")).statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownTicketIs404AndABadNumberIs400() {
        assertThat(call("/tickets/999999", ADMIN_TOKEN).statusCode()).isEqualTo(404);
        var bad = call("/tickets/abc", ADMIN_TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"message\"");
    }

    @Test
    void theOutboxShowsWhatWasSentAndTheTokenIsStoredOnlyHashed() throws Exception {
        deliver("lena@outbox.example", SUPPORT, mail("lena@outbox.example", "Hello", "Just a question."));
        eventually("the acknowledgement sent", () -> api("/outbox").valueStream()
                .anyMatch(o -> o.get("to").asString().equals("lena@outbox.example") && o.get("status").asString().equals("sent")));
        assertThat(jdbc.queryForObject("select count(*) from api_tokens where token_hash = ?", Integer.class, ADMIN_TOKEN)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from api_tokens", Integer.class)).isPositive();
    }
}
