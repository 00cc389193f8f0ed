package eu.postdesk.queues;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import eu.postdesk.tickets.TicketChange;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A first response not given by its due time makes the ticket breached: by the timer, by the server's clock. */
class BreachTimerTest extends RunningQueues {

    @Test
    void anUnansweredTicketIsBreachedWhenItsDueTimePassesAndAnAnsweredOneIsNot() throws Exception {
        Instant opened = Instant.parse("2027-02-01T10:00:00Z");
        CLOCK.set(opened);
        long waiting = open("wait@customer.example", "Waiting", "Hello, please help with the invoice.", "Content-Language: en");
        long answered = open("done@customer.example", "Answered", "Hello, please help with the report.", "Content-Language: en");
        change(answered, "first_response_at", "firstResponseAt", opened.plus(Duration.ofHours(2)).toString(), AGENT1, TicketChange.MAIL);
        assertThat(ticket(waiting).get("firstResponseDue").asString()).isEqualTo("2027-02-02T10:00:00Z");

        CLOCK.set(Instant.parse("2027-02-02T09:59:00Z"));
        assertThat(ticket(waiting).get("breached").asBoolean()).isFalse();
        CLOCK.set(Instant.parse("2027-02-02T10:01:00Z"));
        eventually("the breach to be recorded", () -> ticket(waiting).get("breached").asBoolean(), Duration.ofSeconds(20));

        JsonNode breach = ticket(waiting).get("events").valueStream().filter(e -> "breached".equals(e.path("field").asString(null))).findFirst().orElseThrow();
        assertThat(breach.get("old").asString()).isEqualTo("false");
        assertThat(breach.get("new").asString()).isEqualTo("true");
        assertThat(breach.get("by").asString()).isEqualTo("timer");
        assertThat(breach.get("channel").asString()).isEqualTo("timer");
        assertThat(ticket(answered).get("breached").asBoolean()).isFalse();
        assertThat(ticket(waiting).get("events").valueStream().filter(e -> "breached".equals(e.path("field").asString(null)))).hasSize(1);
    }
}
