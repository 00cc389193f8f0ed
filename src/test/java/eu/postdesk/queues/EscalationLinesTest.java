package eu.postdesk.queues;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import eu.postdesk.tickets.TicketChange;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications follow the ticket's line (agent1 works line 1, agent2 line 2); line 3 tells management. */
class EscalationLinesTest extends RunningQueues {

    @Test
    void aTicketMovesUpTheLinesAndItsNotificationsFollow() throws Exception {
        String customer = "lee@customer.example";
        long number = open(customer, "Export broken", "Hello, the export is broken.");
        eventually("the first line's notification", () -> relayedTo(AGENT1, number).size() == 1);
        assertThat(outboxOf(number)).containsExactly("ack " + customer, "notification " + AGENT1);

        change(number, "line", "line", "2", AGENT1, TicketChange.MAIL);
        eventually("the second line's escalation notice", () -> relayedTo(AGENT2, number).size() == 1);
        MimeMessage escalation = relayedTo(AGENT2, number).get(0);
        assertThat(escalation.getSubject()).contains("[#" + number + "] Escalated to line 2");
        assertThat(((InternetAddress) escalation.getReplyTo()[0]).getAddress()).startsWith("support+" + number + "-");
        assertThat(text(escalation)).contains("the export is broken").contains("by " + AGENT1 + " (mail)");
        assertThat(outboxOf(number)).doesNotContain("management " + MANAGEMENT);

        relay.purgeEmailFromAllMailboxes();
        deliver(customer, SUPPORT, customerMail(customer, SUPPORT, "Re: [#" + number + "] Export broken", "Still broken."));
        eventually("the notification of the second message", () -> relayedTo(AGENT2, number).size() == 1);
        assertThat(outboxOf(number)).filteredOn(row -> row.startsWith("notification ")).containsExactly("notification " + AGENT1, "notification " + AGENT2);

        change(number, "line", "line", "3", AGENT2, TicketChange.API);
        eventually("management is told", () -> relayedTo(MANAGEMENT, number).size() == 1);
        assertThat(relayedTo(MANAGEMENT, number).get(0).getSubject()).contains("[#" + number + "] For management: moved to line 3");
        assertThat(relayedTo(MANAGEMENT, number).get(0).getReplyTo()[0].toString()).doesNotContain("support+");

        JsonNode ticket = ticket(number);
        assertThat(ticket.get("line").asString()).isEqualTo("3");
        assertThat(ticket.get("escalations").valueStream().map(e -> e.get("from").asString() + "->" + e.get("to").asString()))
                .containsExactly("1->2", "2->3");
        assertThat(ticket.get("events").valueStream().filter(e -> e.get("kind").asString().equals("escalation"))).hasSize(2);
    }

    @Test
    void theAssigneeHearsOfTheTicketWhateverTheirLine() throws Exception {
        String customer = "kim@customer.example";
        long number = open(customer, "Question", "Hello, a question.");
        eventually("the first line's notification", () -> relayedTo(AGENT1, number).size() == 1);
        transaction.executeWithoutResult(s -> jdbc.update("update tickets set assignee = ? where number = ?", AGENT2, number));
        relay.purgeEmailFromAllMailboxes();
        deliver(customer, SUPPORT, customerMail(customer, SUPPORT, "Re: [#" + number + "] Question", "One more thing."));
        eventually("the assignee's notification", () -> relayedTo(AGENT2, number).size() == 1);
        assertThat(relayedTo(AGENT1, number)).hasSize(1);
    }
}
