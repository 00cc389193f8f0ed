package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Working tickets through the API: PATCH with ETag/If-Match, replies, notes, the filtered list, and who may work which ticket. */
class TicketsWorkApiTest extends WorkingTickets {

    private String lead;

    /** A supervisor's token: admins do not work tickets. */
    private String lead() {
        if (lead == null) {
            lead = tokenFor("supervisor", null);
        }
        return lead;
    }

    private String etag(long number) {
        HttpResponse<String> response = call("/tickets/" + number, ADMIN_TOKEN);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private HttpResponse<String> patch(long number, String token, String etag, Map<String, ?> body) {
        return etag == null ? send("PATCH", "/tickets/" + number, token, json(body))
                : send("PATCH", "/tickets/" + number, token, json(body), "If-Match", etag);
    }

    @Test
    void theTicketsEtagIsItsVersion() throws Exception {
        Opened opened = newTicket("ada@api.example");
        HttpResponse<String> response = call("/tickets/" + opened.number(), ADMIN_TOKEN);
        assertThat(response.headers().firstValue("ETag")).contains("\"" + JSON.readTree(response.body()).get("version").asLong() + "\"");
    }

    @Test
    void aPatchWithTheCurrentEtagChangesTheTicketAndRecordsWhoDidIt() throws Exception {
        Opened opened = newTicket("bo@api.example");
        String etag = etag(opened.number());

        var response = patch(opened.number(), lead(), etag, Map.of("status", "open", "severity", 2, "line", "2", "assignee", AGENT3));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(ticket.get("severity").asInt()).isEqualTo(2);
        assertThat(ticket.get("line").asString()).isEqualTo("2");
        assertThat(ticket.get("assignee").asString()).isEqualTo(AGENT3);
        JsonNode status = events(opened.number(), "status").get(0);
        assertThat(status.get("channel").asString()).isEqualTo("api");
        assertThat(status.get("by").asString()).isEqualTo("work supervisor");

        var unassigned = send("PATCH", "/tickets/" + opened.number(), lead(), "{\"assignee\":null}", "If-Match", etag(opened.number()));
        assertThat(unassigned.statusCode()).as(unassigned.body()).isEqualTo(200);
        assertThat(ticket(opened.number()).get("assignee").isNull()).isTrue();
    }

    @Test
    void listenersHearEachChangeUnderItsFieldNameWhicheverDoorItCameThrough() throws Exception {
        Opened opened = newTicket("lea@api.example");
        assertThat(patch(opened.number(), lead(), etag(opened.number()), Map.of("severity", 1, "line", "3")).statusCode()).isEqualTo(200);
        agentWrites(AGENT1, opened, "#solved\r\nFixed.");

        var heard = this.heard.of(opened.number());
        assertThat(heard).extracting(c -> c.field() + " " + c.oldValue() + "->" + c.newValue() + " by " + c.actor() + " via " + c.channel())
                .containsExactly(
                        "severity 3->1 by work supervisor via api",
                        "line 1->3 by work supervisor via api",
                        "status new->solved by " + AGENT1 + " via mail",
                        "firstResponseAt null->" + ticket(opened.number()).get("firstResponseAt").asString() + " by " + AGENT1 + " via mail");
        assertThat(heard.get(2).ticket().status()).as("the event carries the ticket as changed").isEqualTo("solved");
    }

    @Test
    void aPatchWithoutIfMatchIsRefusedAndAStaleOneGets412() throws Exception {
        Opened opened = newTicket("cy@api.example");
        String old = etag(opened.number());
        assertThat(patch(opened.number(), lead(), null, Map.of("severity", 2)).statusCode()).isEqualTo(428);
        assertThat(patch(opened.number(), lead(), old, Map.of("severity", 2)).statusCode()).isEqualTo(200);

        var stale = patch(opened.number(), lead(), old, Map.of("severity", 4));

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("changed since you read it");
        assertThat(ticket(opened.number()).get("severity").asInt()).isEqualTo(2);
    }

    @Test
    void aCustomersNewMessageMakesAnEtagStale() throws Exception {
        Opened opened = newTicket("dan@api.example");
        String etag = etag(opened.number());
        customerReplies(opened, "Something else I forgot.");
        assertThat(patch(opened.number(), lead(), etag, Map.of("status", "solved")).statusCode()).isEqualTo(412);
    }

    @Test
    void twoConcurrentPatchesOfOneVersionGiveExactlyOne412() throws Exception {
        Opened opened = newTicket("eve@api.example");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String etag = etag(opened.number());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                int current = ticket(opened.number()).get("severity").asInt();
                // two writes that both change the ticket (a write of the value it has already is no change at all)
                for (int severity : java.util.stream.IntStream.rangeClosed(1, 4).filter(v -> v != current).limit(2).toArray()) {
                    answers.add(threads.submit(() -> {
                        start.await();
                        return patch(opened.number(), lead(), etag, Map.of("severity", severity));
                    }));
                }
                start.countDown();
                List<Integer> codes = new ArrayList<>();
                for (var answer : answers) {
                    codes.add(answer.get().statusCode());
                }
                assertThat(codes).as("round " + round).containsExactlyInAnyOrder(200, 412);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(events(opened.number(), "severity")).hasSize(5);
    }

    @Test
    void validationErrorsAre400NamingTheField() throws Exception {
        Opened opened = newTicket("fay@api.example");
        Map<String, Map<String, ?>> bad = new HashMap<>();
        bad.put("status", Map.of("status", "maybe"));
        bad.put("severity", Map.of("severity", 9));
        bad.put("line", Map.of("line", "4"));
        bad.put("assignee", Map.of("assignee", "stranger@elsewhere.example"));
        bad.put("colour", Map.of("colour", "red"));
        for (var body : bad.entrySet()) {
            var response = patch(opened.number(), lead(), etag(opened.number()), body.getValue());
            assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("message").asString()).as(body.getKey()).contains(body.getKey());
            assertThat(response.body()).doesNotContain("stranger@elsewhere.example");
        }
        assertThat(ticket(opened.number()).get("events").valueStream().filter(e -> e.has("field"))).isEmpty();
        assertThat(call("/tickets?status=maybe", ADMIN_TOKEN).body()).contains("status");
        assertThat(call("/tickets?severity=high", ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(call("/tickets?size=0", ADMIN_TOKEN).body()).contains("size");
    }

    @Test
    void aReplyThroughTheApiIsRelayedLikeAnAnswerByMail() throws Exception {
        Opened opened = newTicket("gus@api.example");
        String agent = tokenFor("agent", AGENT1);

        var response = send("POST", "/tickets/" + opened.number() + "/replies", agent,
                json(Map.of("text", "Hello Gus, the printer is back. Regards, " + AGENT1)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        eventually("the relay", () -> relayedTo(opened.customer()).size() == 2);
        var relayed = relayedTo(opened.customer()).get(1);
        assertThat(relayed.getFrom()[0].toString()).contains(SUPPORT);
        assertThat(relayed.getSubject()).contains("[#" + opened.number() + "]");
        assertThat(relayed.getHeader("In-Reply-To", null)).isNotNull();
        assertThat(String.valueOf(relayed.getContent())).contains("the printer is back").doesNotContain(AGENT1);
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).isEqualTo("pending");
        assertThat(ticket.get("firstResponseAt").isNull()).isFalse();
        assertThat(events(opened.number(), "status").get(0).get("by").asString()).isEqualTo(AGENT1);
        assertThat(ticket.get("messages").get(1).get("direction").asString()).isEqualTo("outbound");
    }

    @Test
    void aNoteThroughTheApiIsShownToAgentsAndNotRelayed() throws Exception {
        Opened opened = newTicket("hal@api.example");

        var response = send("POST", "/tickets/" + opened.number() + "/notes", tokenFor("supervisor", null),
                json(Map.of("text", "Call him back after lunch.")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode note = ticket(opened.number()).get("messages").get(1);
        assertThat(note.get("direction").asString()).isEqualTo("note");
        assertThat(note.get("text").asString()).isEqualTo("Call him back after lunch.");
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("new");
        assertThat(api("/outbox").valueStream().filter(m -> m.get("kind").asString().equals("relay")
                && m.get("to").asString().equals(opened.customer()))).isEmpty();
        assertThat(send("POST", "/tickets/" + opened.number() + "/notes", lead(), json(Map.of("text", " "))).body()).contains("text");
    }

    @Test
    void theListFiltersAndPages() throws Exception {
        Opened first = newTicket("ida@api.example");
        Opened second = newTicket("jon@api.example");
        assertThat(patch(second.number(), lead(), etag(second.number()), Map.of("severity", 1, "status", "pending")).statusCode()).isEqualTo(200);

        var severe = call("/tickets?severity=1&status=pending", ADMIN_TOKEN);
        assertThat(JSON.readTree(severe.body()).valueStream().map(t -> t.get("number").asLong())).contains(second.number()).doesNotContain(first.number());
        assertThat(JSON.readTree(call("/tickets?assignee=nobody&line=1", ADMIN_TOKEN).body()).valueStream().map(t -> t.get("number").asLong()))
                .contains(first.number());
        assertThat(JSON.readTree(call("/tickets?breached=true", ADMIN_TOKEN).body()).valueStream().map(t -> t.get("number").asLong()))
                .doesNotContain(first.number());

        var page = call("/tickets?page=0&size=1", ADMIN_TOKEN);
        assertThat(JSON.readTree(page.body()).size()).isEqualTo(1);
        long total = Long.parseLong(page.headers().firstValue("X-Total-Count").orElseThrow());
        assertThat(total).isGreaterThanOrEqualTo(2);
        assertThat(JSON.readTree(call("/tickets", ADMIN_TOKEN).body()).size()).as("the plain list is every ticket").isEqualTo((int) total);
        JsonNode plain = JSON.readTree(call("/tickets", ADMIN_TOKEN).body()).get(0);
        for (String field : List.of("number", "subject", "status", "customer", "messageCount", "createdAt", "updatedAt", "assignee",
                "severity", "line", "queue", "firstResponseDue", "breached", "followUpOf", "version")) {
            assertThat(plain.has(field)).as(field).isTrue();
        }
    }

    @Test
    void anAgentWorksOnlyTheTicketsOfTheirLineAndASupervisorWorksAll() throws Exception {
        Opened opened = newTicket("kai@api.example");
        String agent1 = tokenFor("agent", AGENT1);
        String agent3 = tokenFor("agent", AGENT3);
        String supervisor = tokenFor("supervisor", null);

        assertThat(patch(opened.number(), agent3, etag(opened.number()), Map.of("severity", 2)).statusCode()).as("agent3 is line 2").isEqualTo(403);
        assertThat(JSON.readTree(call("/tickets", agent3).body()).valueStream().map(t -> t.get("number").asLong())).doesNotContain(opened.number());

        assertThat(patch(opened.number(), agent1, etag(opened.number()), Map.of("line", "2")).statusCode()).isEqualTo(200);
        assertThat(events(opened.number(), "line").get(0).get("by").asString()).isEqualTo(AGENT1);
        assertThat(call("/tickets/" + opened.number(), agent1).statusCode()).as("now line 2").isEqualTo(403);
        assertThat(call("/tickets/" + opened.number(), agent3).statusCode()).isEqualTo(200);

        assertThat(patch(opened.number(), supervisor, etag(opened.number()), Map.of("line", "3")).statusCode()).isEqualTo(200);
        assertThat(call("/tickets/" + opened.number(), PRIVACY_OFFICER_TOKEN).statusCode()).isEqualTo(200);
        assertThat(patch(opened.number(), PRIVACY_OFFICER_TOKEN, etag(opened.number()), Map.of("line", "1")).statusCode()).isEqualTo(403);
    }

    @Test
    void anAgentTokenMustNameAConfiguredAgent() {
        var missing = send("POST", "/tokens", ADMIN_TOKEN, json(Map.of("name", "laptop", "role", "agent")));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("agent");
        assertThat(send("POST", "/tokens", ADMIN_TOKEN, json(Map.of("name", "laptop", "role", "agent", "agent", "x@elsewhere.example"))).statusCode())
                .isEqualTo(400);
        var supervisor = send("POST", "/tokens", ADMIN_TOKEN, json(Map.of("name", "lead", "role", "supervisor")));
        assertThat(supervisor.statusCode()).isEqualTo(201);
    }
}
