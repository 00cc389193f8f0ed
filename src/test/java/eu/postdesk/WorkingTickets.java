package eu.postdesk;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running Postdesk for working tickets: a movable clock, and a third agent on the second line
 * who wants no confirmations. Helpers to open a ticket, answer it as an agent and call the API.
 */
@Import({MovableClock.Config.class, HeardChanges.Config.class})
public abstract class WorkingTickets extends RunningPostdesk {
    public static final String AGENT3 = "agent3@corp.test";
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    protected MovableClock clock;

    @Autowired
    protected HeardChanges heard;

    @DynamicPropertySource
    static void thirdAgent(DynamicPropertyRegistry registry) {
        registry.add("postdesk.agents[2].address", () -> AGENT3);
        registry.add("postdesk.agents[2].name", () -> "Agent Three");
        registry.add("postdesk.agents[2].line", () -> "2");
        registry.add("postdesk.agents[2].confirmations", () -> "false");
    }

    @AfterEach
    void clockBackToNow() {
        clock.reset();
    }

    /** A customer's new ticket, and the reply address of its notification. */
    protected record Opened(long number, String replyAddress, String customer) {
    }

    protected Opened newTicket(String customer) throws Exception {
        deliver(customer, SUPPORT, mail(customer, "Printer offline", "The printer on floor 3 is offline since Monday."));
        eventually("the notification", () -> relayedTo(AGENT1).stream().anyMatch(m -> mentions(m, customer)));
        MimeMessage notification = relayedTo(AGENT1).stream().filter(m -> mentions(m, customer)).findFirst().orElseThrow();
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);
        return new Opened(ticketsOf(customer).get(0).get("number").asLong(),
                ((InternetAddress) notification.getReplyTo()[0]).getAddress(), customer);
    }

    protected static boolean mentions(MimeMessage message, String text) {
        try {
            return String.valueOf(message.getContent()).contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    /** An agent's mail to the reply address, delivered over SMTP; returns once the server has settled it. */
    protected void agentWrites(String agent, Opened ticket, String body) throws IOException {
        deliver(agent, ticket.replyAddress(), "From: Agent <" + agent + ">\r\nTo: " + ticket.replyAddress() + "\r\nSubject: Re: [#"
                + ticket.number() + "] Printer offline\r\nMessage-ID: <" + java.util.UUID.randomUUID()
                + "@corp.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n");
        awaitSpoolSettled();
    }

    /** The customer answers the last mail we sent them, threaded by In-Reply-To. */
    protected void customerReplies(Opened ticket, String body) throws Exception {
        List<MimeMessage> received = relayedTo(ticket.customer());
        String inReplyTo = received.get(received.size() - 1).getMessageID();
        deliver(ticket.customer(), SUPPORT, mail(ticket.customer(), "Re: [#" + ticket.number() + "] Printer offline", body,
                "In-Reply-To: " + inReplyTo, "References: " + inReplyTo));
        awaitSpoolSettled();
    }

    protected JsonNode events(long number, String field) {
        return JSON.valueToTree(ticket(number).get("events").valueStream().filter(e -> e.has("field") && e.get("field").asString().equals(field)).toList());
    }

    protected HttpResponse<String> send(String method, String path, String token, String json, String... headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected static String json(Map<String, ?> body) {
        return JSON.writeValueAsString(body);
    }

    protected String tokenFor(String role, String agent) {
        var issued = send("POST", "/tokens", ADMIN_TOKEN, agent == null ? json(Map.of("name", "work " + role, "role", role))
                : json(Map.of("name", "work " + role + " " + agent, "role", role, "agent", agent)));
        if (issued.statusCode() != 201) {
            throw new AssertionError("issuing a " + role + " token answered " + issued.statusCode() + ": " + issued.body());
        }
        return JSON.readTree(issued.body()).get("token").asString();
    }
}
