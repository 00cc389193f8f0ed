package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The erasure requests' contract: one ticket, a period, a legal hold that stops a request, and clear answers to bad input. */
class ErasureApiTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpResponse<String> officer(String method, String path, Object body) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + PRIVACY_OFFICER_TOKEN);
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private long ticketOf(String customer, String subject) throws Exception {
        deliver(customer, SUPPORT, mail(customer, subject, "Body of " + subject));
        awaitSpoolSettled();
        return jdbc.queryForObject("select number from tickets where customer = ? and subject = ?", Long.class, customer, subject);
    }

    @Test
    void oneTicketIsErasedWholeOnceConfirmed() throws Exception {
        long number = ticketOf("mona.one@example.com", "Only this one");
        long other = ticketOf("mona.one@example.com", "Not this one");
        JsonNode created = expect(officer("POST", "/privacy/erasures", Map.of("ticket", number, "reason", "duplicate of another ticket")), 201);
        assertThat(created.get("preview").get("tickets").valueStream().map(JsonNode::asLong).toList()).containsExactly(number);
        expect(officer("POST", "/privacy/erasures/" + created.get("id").asString() + "/confirm", null), 200);
        assertThat(call("/tickets/" + number, ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(call("/tickets/" + other, ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aPeriodLimitsTheErasureToTheTicketsOpenedInIt() throws Exception {
        String customer = "nils.period@example.com";
        long old = ticketOf(customer, "From 2017");
        long recent = ticketOf(customer, "From today");
        jdbc.update("update tickets set created_at = timestamp with time zone '2017-05-01 10:00:00+00' where number = ?", old);
        JsonNode created = expect(officer("POST", "/privacy/erasures",
                Map.of("subjects", List.of(customer), "from", "2016-01-01", "to", "2019-12-31", "reason", "asked for 2016 to 2019")), 201);
        assertThat(created.get("preview").get("tickets").valueStream().map(JsonNode::asLong).toList()).containsExactly(old);
        JsonNode done = expect(officer("POST", "/privacy/erasures/" + created.get("id").asString() + "/confirm", null), 200);
        assertThat(done.get("receipt").get("period").get("from").asString()).isEqualTo("2016-01-01");
        assertThat(done.get("receipt").get("dataKeyDestroyed").asBoolean()).as("a ticket of theirs is left").isFalse();
        assertThat(call("/tickets/" + old, ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(call("/tickets/" + recent, ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aLegalHoldOnTheCustomerStopsTheErasureUntilLifted() throws Exception {
        String customer = "olga.held@example.com";
        long number = ticketOf(customer, "Under a hold");
        long hold = expect(officer("POST", "/privacy/holds", Map.of("customer", customer, "reason", "tax audit 2026")), 201).get("id").asLong();
        String id = expect(officer("POST", "/privacy/erasures", Map.of("subjects", List.of(customer), "reason", "asked by phone")), 201).get("id").asString();
        expect(officer("POST", "/privacy/erasures/" + id + "/confirm", null), 409);
        assertThat(call("/tickets/" + number, ADMIN_TOKEN).statusCode()).isEqualTo(200);
        expect(officer("DELETE", "/privacy/holds/" + hold, null), 204);
        assertThat(expect(officer("POST", "/privacy/erasures/" + id + "/confirm", null), 200).get("status").asString()).isEqualTo("done");
        assertThat(call("/tickets/" + number, ADMIN_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void badRequestsGetClearAnswersThatQuoteNoAddress() {
        assertThat(expect(officer("POST", "/privacy/erasures", Map.of("subjects", List.of("not-an-address"), "reason", "because")), 400)
                .get("message").asString()).contains("e-mail address").doesNotContain("not-an-address");
        assertThat(expect(officer("POST", "/privacy/erasures", Map.of("subjects", List.of("a@b.example"))), 400).get("message").asString()).contains("reason");
        assertThat(expect(officer("POST", "/privacy/erasures", Map.of("subjects", List.of("a@b.example"), "from", "last year", "reason", "because")), 400)
                .get("message").asString()).contains("YYYY-MM-DD");
        expect(officer("GET", "/privacy/erasures/00000000-0000-0000-0000-000000000000", null), 404);
        expect(officer("POST", "/privacy/erasures/00000000-0000-0000-0000-000000000000/confirm", null), 404);
        expect(officer("POST", "/privacy/holds", Map.of("reason", "no target")), 400);
    }
}
