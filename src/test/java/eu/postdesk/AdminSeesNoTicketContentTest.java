package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admins configure and issue tokens; they do not read what customers wrote. Only the configured
 * admin token reads tickets (the public acceptance runner does), read-only, each read audited, and
 * {@code postdesk.api.admin-token-reads-tickets=false} takes that away too.
 */
class AdminSeesNoTicketContentTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private long aTicket(String customer) throws Exception {
        deliver(customer, SUPPORT, mail(customer, "My invoice address", "Please change it to Storgatan 1."));
        eventually("the ticket opened", () -> !ticketsOf(customer).isEmpty());
        return ticketsOf(customer).get(0).get("number").asLong();
    }

    private String issuedAdmin() {
        var issued = post("/tokens", ADMIN_TOKEN, Map.of("name", "second admin", "role", "admin"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return JSON.readTree(issued.body()).get("token").asString();
    }

    @Test
    void anIssuedAdminTokenReadsNoTicketListNoTicketAndNoAttachment() throws Exception {
        long number = aTicket("greta@admin.example");
        String admin = issuedAdmin();

        assertThat(call("/tickets", admin).statusCode()).isEqualTo(403);
        assertThat(call("/tickets/" + number, admin).statusCode()).isEqualTo(403);
        assertThat(call("/tickets/" + number, admin).body()).contains("may not read tickets").doesNotContain("invoice");
        assertThat(call("/attachments/1", admin).statusCode()).isEqualTo(403);
        assertThat(call("/outbox", admin).statusCode()).as("its own pages stay open").isEqualTo(200);
    }

    @Test
    void theOutboxShowsAdminsRecipientsButNoSubjects() throws Exception {
        aTicket("hugo@admin.example");
        eventually("the acknowledgement queued", () -> api("/outbox").valueStream().anyMatch(o -> o.get("to").asString().equals("hugo@admin.example")));
        JsonNode entry = api("/outbox").valueStream().filter(o -> o.get("to").asString().equals("hugo@admin.example")).findFirst().orElseThrow();
        assertThat(entry.has("subject")).isFalse();
        assertThat(entry.toString()).doesNotContain("invoice");
    }

    @Test
    void theConfiguredAdminTokenReadsTicketsOnlyReadOnlyAndEveryReadIsAudited() throws Exception {
        long number = aTicket("ines@admin.example");
        int before = jdbc.queryForObject("select count(*) from audit_trail where action = 'admin-content-read'", Integer.class);

        assertThat(call("/tickets/" + number, ADMIN_TOKEN).statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForList("select target from audit_trail where action = 'admin-content-read' order by seq", String.class))
                .hasSize(before + 1).last().isEqualTo("/api/tickets/" + number);
        var patch = call("PATCH", "/tickets/" + number, ADMIN_TOKEN, "{\"severity\":1}");
        assertThat(patch.statusCode()).isEqualTo(403);
        assertThat(patch.body()).contains("may not work tickets");
        assertThat(call("POST", "/tickets/" + number + "/notes", ADMIN_TOKEN, "{\"text\":\"seen\"}").statusCode()).isEqualTo(403);
    }

    private java.net.http.HttpResponse<String> call(String method, String path, String token, String body) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("If-Match", "\"1\"").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    @TestPropertySource(properties = "postdesk.api.admin-token-reads-tickets=false")
    class WhenTheConfiguredAdminTokenMayNotReadTickets {
        @Test
        void itIsRefusedLikeAnyAdmin() throws Exception {
            deliver("jonas@admin.example", SUPPORT, mail("jonas@admin.example", "Wifi", "The guest wifi is down."));
            eventually("the ticket opened, as the privacy officer reads", () -> AdminSeesNoTicketContentTest.this.call("/tickets", PRIVACY_OFFICER_TOKEN).body()
                    .contains("jonas@admin.example"));
            long number = JSON.readTree(AdminSeesNoTicketContentTest.this.call("/tickets", PRIVACY_OFFICER_TOKEN).body()).valueStream()
                    .filter(t -> t.get("customer").asString().equals("jonas@admin.example")).findFirst().orElseThrow().get("number").asLong();
            assertThat(AdminSeesNoTicketContentTest.this.call("/tickets/" + number, ADMIN_TOKEN).statusCode()).isEqualTo(403);
            assertThat(AdminSeesNoTicketContentTest.this.call("/tickets", ADMIN_TOKEN).statusCode()).isEqualTo(403);
        }
    }
}
