package eu.postdesk.queues;

import java.time.Instant;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import eu.postdesk.tickets.TicketChange;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Severity 1 is an incident: set on arrival by a configured phrase, or changed to 1 through any
 * door, it alerts postdesk.incident.notify at once with the redacted summary and the ticket's link.
 */
class IncidentTest extends RunningQueues {
    private static final String CARD = "4111 1111 1111 1111";

    @Test
    void aMailNamingAnIncidentPhraseOpensASeverityOneTicketAndAlertsTheIncidentList() throws Exception {
        CLOCK.set(Instant.parse("2026-12-08T09:00:00Z"));
        String customer = "ops@factory.example";
        long number = open(customer, "URGENT", "Hello, our PRODUCTION   DOWN since 9:00. We paid with card " + CARD + ". Please help.");

        eventually("the incident notice", () -> relayedTo(ONCALL).size() == 1 && relayedTo(DUTY).size() == 1);
        MimeMessage notice = onlyMailTo(ONCALL);
        String text = text(notice);
        assertThat(notice.getSubject()).contains("[#" + number + "]").contains("INCIDENT");
        assertThat(text).contains("https://desk.helpdesk.test/tickets/" + number).contains("PRODUCTION   DOWN since 9:00")
                .doesNotContain(CARD).doesNotContain("1111 1111");
        JsonNode ticket = ticket(number);
        assertThat(ticket.get("severity").asInt()).isEqualTo(1);
        assertThat(ticket.get("firstResponseDue").asString()).isEqualTo("2026-12-08T10:00:00Z");
        assertThat(ticket.get("events").valueStream().map(e -> e.get("kind").asString())).contains("incident-rule", "incident");
        assertThat(ticket.get("events").valueStream().filter(e -> "severity".equals(e.path("field").asString(null))))
                .anySatisfy(e -> assertThat(e.get("by").asString()).isEqualTo(QueueDesk.KEYWORD_RULE));
        assertThat(text(onlyMailTo(customer))).contains("handled as an incident");
    }

    @Test
    void theFirstAnswerRelayedAfterwardsSaysTheCaseIsAnIncidentAndTheNextOneDoesNot() throws Exception {
        String customer = "plant@factory.example";
        long number = open(customer, "Outage", "Hello, total outage of the portal.");
        eventually("the notification", () -> relayedTo(AGENT1).size() == 1);
        String replyAddress = ((jakarta.mail.internet.InternetAddress) relayedTo(AGENT1).get(0).getReplyTo()[0]).getAddress();
        for (String answer : new String[] {"We are on it.", "It works again."}) {
            int before = relayedTo(customer).size();
            deliver(AGENT1, replyAddress, customerMail(AGENT1, replyAddress, "Re: [#" + number + "] Outage", answer));
            eventually("the relayed answer", () -> relayedTo(customer).size() == before + 1);
        }
        assertThat(text(relayedTo(customer).get(1))).startsWith("Your request is handled as an incident").contains("We are on it.");
        assertThat(text(relayedTo(customer).get(2))).startsWith("It works again.");
    }

    @Test
    void aDanishPhraseCountsToo() throws Exception {
        String customer = "drift@kunde.example";
        long number = open(customer, "System nedbrud", "Hej, vi har et system nedbrud. Venlig hilsen", "Content-Language: da");
        eventually("the incident notice", () -> relayedTo(ONCALL).size() == 1);
        assertThat(ticket(number).get("severity").asInt()).isEqualTo(1);
        assertThat(text(onlyMailTo(customer))).contains("behandles som en hændelse");
    }

    @Test
    void settingSeverityOneThroughAnyDoorAlertsAndDowngradingIsRecordedAndTold() throws Exception {
        String customer = "eve@customer.example";
        long number = open(customer, "Slow reports", "Hello, the reports are slow with my card " + CARD + ".");
        assertThat(ticket(number).get("severity").asInt()).isEqualTo(3);
        assertThat(text(onlyMailTo(customer))).doesNotContain("incident");

        change(number, "severity", "severity", "1", AGENT1, TicketChange.API);
        eventually("the incident notice", () -> relayedTo(ONCALL).size() == 1);
        assertThat(text(onlyMailTo(ONCALL))).contains("Set by: " + AGENT1 + " (api)").contains("the reports are slow").doesNotContain(CARD);

        change(number, "severity", "severity", "2", AGENT1, TicketChange.MAIL);
        eventually("the end-of-incident notice", () -> relayedTo(ONCALL).size() == 2);
        assertThat(ticket(number).get("events").valueStream().map(e -> e.get("kind").asString())).contains("incident", "incident-ended");
        assertThat(relayedTo(ONCALL).get(1).getSubject()).contains("Incident over (severity 2)");
    }
}
