package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.postdesk.tickets.AutoClose;
import tools.jackson.databind.JsonNode;

/** A ticket's life over real SMTP: new, pending after an answer, open again when the customer writes, closed by the timer, followed up. */
class TicketLifeTest extends WorkingTickets {
    @Autowired
    AutoClose autoClose;

    @Test
    void aNewTicketStartsNewOnTheFirstLineWithSeverityThreeAndNobodyAssigned() throws Exception {
        Opened opened = newTicket("nora@life.example");
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).isEqualTo("new");
        assertThat(ticket.get("severity").asInt()).isEqualTo(3);
        assertThat(ticket.get("line").asString()).isEqualTo("1");
        assertThat(ticket.get("assignee").isNull()).isTrue();
        assertThat(ticket.get("followUpOf").isNull()).isTrue();
        assertThat(ticket.get("breached").asBoolean()).isFalse();
        assertThat(ticket.has("firstResponseDue")).isTrue();
        assertThat(ticket.has("queue")).isTrue();
        assertThat(ticket.get("version").asLong()).isPositive();
    }

    @Test
    void anAgentsAnswerMakesTheTicketPendingAndRecordsTheFirstResponseOnce() throws Exception {
        Opened opened = newTicket("paul@life.example");
        agentWrites(AGENT1, opened, "We restarted the print server.");
        eventually("the answer relayed", () -> relayedTo(opened.customer()).size() == 2);

        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).isEqualTo("pending");
        assertThat(Instant.parse(ticket.get("firstResponseAt").asString())).isBefore(Instant.now().plusSeconds(1));
        JsonNode status = events(opened.number(), "status").get(0);
        assertThat(status.get("old").asString()).isEqualTo("new");
        assertThat(status.get("new").asString()).isEqualTo("pending");
        assertThat(status.get("by").asString()).isEqualTo(AGENT1);
        assertThat(status.get("channel").asString()).isEqualTo("mail");

        agentWrites(AGENT2, opened, "And we replaced the toner.");
        eventually("the second answer relayed", () -> relayedTo(opened.customer()).size() == 3);
        assertThat(events(opened.number(), "firstResponseAt")).hasSize(1);
        assertThat(ticket(opened.number()).get("firstResponseAt").asString()).isEqualTo(ticket.get("firstResponseAt").asString());
    }

    @Test
    void aCustomersReplyToAPendingTicketOpensItAgain() throws Exception {
        Opened opened = newTicket("olli@life.example");
        agentWrites(AGENT1, opened, "Is the printer switched on?");
        eventually("the answer relayed", () -> relayedTo(opened.customer()).size() == 2);
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("pending");

        customerReplies(opened, "Yes, it is on.");

        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(ticket.get("messageCount").asInt()).isEqualTo(3);
        JsonNode reopened = events(opened.number(), "status").get(1);
        assertThat(reopened.get("old").asString()).isEqualTo("pending");
        assertThat(reopened.get("new").asString()).isEqualTo("open");
        assertThat(reopened.get("by").asString()).isEqualTo("customer");
    }

    @Test
    void aCustomersReplyToASolvedTicketOpensItAgain() throws Exception {
        Opened opened = newTicket("sara@life.example");
        agentWrites(AGENT1, opened, "#solved\nWe replaced the network cable.");
        eventually("the answer relayed", () -> relayedTo(opened.customer()).size() == 2);
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("solved");
        assertThat(ticket(opened.number()).get("solvedAt").isNull()).isFalse();

        customerReplies(opened, "It is offline again.");

        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("open");
    }

    @Test
    void aSolvedTicketIsClosedByTheTimerFourDaysAfterItWasSolved() throws Exception {
        Opened opened = newTicket("tim@life.example");
        agentWrites(AGENT1, opened, "#solved");
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("solved");

        clock.advance(Duration.ofDays(3).plusHours(23));
        autoClose.run();
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("solved");

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        autoClose.run();
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).isEqualTo("closed");
        assertThat(ticket.get("closedAt").isNull()).isFalse();
        JsonNode closed = events(opened.number(), "status").get(1);
        assertThat(closed.get("old").asString()).isEqualTo("solved");
        assertThat(closed.get("by").asString()).isEqualTo("timer");
        assertThat(closed.get("channel").asString()).isEqualTo("timer");
        assertThat(jdbc.queryForObject("select holder from job_leases where name = 'close-solved-tickets'", String.class))
                .as("the lease is given back after the run").isNull();
    }

    @Test
    void aCustomersMailIntoAClosedTicketOpensAFollowUpThatNamesIt() throws Exception {
        Opened opened = newTicket("ulla@life.example");
        agentWrites(AGENT1, opened, "#status closed\nClosing this as agreed on the phone.");
        eventually("the answer relayed", () -> relayedTo(opened.customer()).size() == 2);
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("closed");

        customerReplies(opened, "Sorry, one more question about the printer.");

        eventually("the follow-up's acknowledgement", () -> relayedTo(opened.customer()).size() == 3);
        assertThat(ticketsOf(opened.customer())).hasSize(2);
        JsonNode followUp = ticketsOf(opened.customer()).get(1);
        assertThat(followUp.get("followUpOf").asLong()).isEqualTo(opened.number());
        assertThat(followUp.get("status").asString()).isEqualTo("new");
        JsonNode old = ticket(opened.number());
        assertThat(old.get("status").asString()).isEqualTo("closed");
        assertThat(old.get("messageCount").asInt()).isEqualTo(2);
        assertThat(old.get("events").valueStream().map(e -> e.get("kind").asString())).contains("followed-up");
    }

    @Test
    void aClosedTicketCannotBeReopenedByAnAgent() throws Exception {
        Opened opened = newTicket("vera@life.example");
        agentWrites(AGENT1, opened, "#status closed");
        agentWrites(AGENT1, opened, "#status open\nReopening.");

        eventually("the refusal", () -> relayedTo(AGENT1).stream().anyMatch(m -> mentions(m, "stays closed")));
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("closed");
        assertThat(relayedTo(opened.customer())).hasSize(1);
    }
}
