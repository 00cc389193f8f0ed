package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

/** Commands at the start of an agent's answer, over real SMTP: each command, and each form the server refuses. */
class MailCommandsTest extends WorkingTickets {

    private List<MimeMessage> receiptsTo(String agent, long number, String kind) {
        return relayedTo(agent).stream().filter(m -> {
            try {
                return m.getSubject().startsWith("[#" + number + "] " + kind);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private String text(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStatusCommandSetsTheStatusInsteadOfPendingAndIsNotRelayed() throws Exception {
        Opened opened = newTicket("anna@commands.example");
        agentWrites(AGENT1, opened, "#Status: solved\r\nHello Anna, the printer works again.");

        // the customer gets the answer, and (the ticket being solved) one satisfaction request
        eventually("the relay", () -> relayedTo(opened.customer()).stream().anyMatch(m -> text(m).contains("the printer works again")));
        String relayed = relayedTo(opened.customer()).stream().map(this::text).filter(t -> t.contains("the printer works again")).findFirst().orElseThrow();
        assertThat(relayed).doesNotContain("#Status").doesNotContain("solved");
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("solved");
        eventually("the confirmation", () -> receiptsTo(AGENT1, opened.number(), "changed").size() == 1);
        String confirmation = text(receiptsTo(AGENT1, opened.number(), "changed").get(0));
        assertThat(confirmation).contains("status: new -> solved").contains("Your answer was sent to the customer");
    }

    @Test
    void onlyCommandsChangeTheTicketAndRelayNothing() throws Exception {
        Opened opened = newTicket("bert@commands.example");
        agentWrites(AGENT1, opened, "#pending\r\n#severity 2\r\n");

        eventually("the confirmation", () -> receiptsTo(AGENT1, opened.number(), "changed").size() == 1);
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).isEqualTo("pending");
        assertThat(ticket.get("severity").asInt()).isEqualTo(2);
        assertThat(ticket.get("firstResponseAt").isNull()).as("commands are no response to the customer").isTrue();
        assertThat(ticket.get("messageCount").asInt()).isEqualTo(1);
        assertThat(relayedTo(opened.customer())).hasSize(1);
        assertThat(text(receiptsTo(AGENT1, opened.number(), "changed").get(0)))
                .contains("status: new -> pending", "severity: 3 -> 2", "Nothing was sent to the customer");
    }

    @Test
    void solvedIsAShorthandInAnyLetterCase() throws Exception {
        Opened opened = newTicket("cleo@commands.example");
        agentWrites(AGENT1, opened, "#SOLVED");
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("solved");
    }

    @Test
    void assignTakesMeAnotherAgentAndNobody() throws Exception {
        Opened opened = newTicket("dirk@commands.example");
        agentWrites(AGENT1, opened, "#assign me");
        assertThat(ticket(opened.number()).get("assignee").asString()).isEqualTo(AGENT1);
        agentWrites(AGENT1, opened, "#Assign: Agent2@corp.test");
        assertThat(ticket(opened.number()).get("assignee").asString()).isEqualTo(AGENT2);
        agentWrites(AGENT2, opened, "#assign nobody");
        assertThat(ticket(opened.number()).get("assignee").isNull()).isTrue();
        JsonNode assigned = events(opened.number(), "assignee");
        assertThat(assigned).hasSize(3);
        assertThat(assigned.get(2).get("old").asString()).isEqualTo(AGENT2);
        assertThat(assigned.get(2).get("new").isNull()).isTrue();
        assertThat(assigned.get(2).get("by").asString()).isEqualTo(AGENT2);
        assertThat(relayedTo(opened.customer())).hasSize(1);
    }

    @Test
    void severityAndLineAreSetAndTheTextBelowIsRelayed() throws Exception {
        Opened opened = newTicket("emma@commands.example");
        agentWrites(AGENT1, opened, "#severity 1\r\n#line: Management\r\n\r\nWe are looking into it with priority.");

        eventually("the relay", () -> relayedTo(opened.customer()).size() == 2);
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("severity").asInt()).isEqualTo(1);
        assertThat(ticket.get("line").asString()).isEqualTo("management");
        assertThat(ticket.get("status").asString()).isEqualTo("pending");
        assertThat(text(relayedTo(opened.customer()).get(1))).contains("with priority").doesNotContain("#");
        assertThat(events(opened.number(), "severity").get(0).get("new").asString()).isEqualTo("1");
        assertThat(events(opened.number(), "line").get(0).get("new").asString()).isEqualTo("management");
    }

    @Test
    void aNoteIsStoredForAgentsAndNeverRelayed() throws Exception {
        Opened opened = newTicket("finn@commands.example");
        agentWrites(AGENT1, opened, "#note\r\nPremium customer: check the service contract first.");

        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("status").asString()).as("a note is no answer").isEqualTo("new");
        JsonNode note = ticket.get("messages").get(1);
        assertThat(note.get("direction").asString()).isEqualTo("note");
        assertThat(note.get("text").asString()).isEqualTo("Premium customer: check the service contract first.");
        assertThat(note.get("from").asString()).isEqualTo(AGENT1);
        assertThat(relayedTo(opened.customer())).hasSize(1);
        assertThat(api("/outbox").valueStream().filter(m -> m.get("kind").asString().equals("relay")
                && m.get("to").asString().equals(opened.customer()))).isEmpty();
    }

    @Test
    void aHashLaterInTheTextIsText() throws Exception {
        Opened opened = newTicket("gita@commands.example");
        agentWrites(AGENT1, opened, "Hello Gita,\r\n#1 on our list: your printer.\r\n#solved is what we hope to write soon.");

        eventually("the relay", () -> relayedTo(opened.customer()).size() == 2);
        assertThat(text(relayedTo(opened.customer()).get(1))).contains("#1 on our list", "#solved is what we hope");
        assertThat(ticket(opened.number()).get("status").asString()).isEqualTo("pending");
        assertThat(receiptsTo(AGENT1, opened.number(), "not applied")).isEmpty();
    }

    @Test
    void anAgentWhoWantsNoConfirmationsGetsNone() throws Exception {
        Opened opened = newTicket("hugo@commands.example");
        agentWrites(AGENT3, opened, "#severity 4");

        assertThat(ticket(opened.number()).get("severity").asInt()).isEqualTo(4);
        // the confirmation would have been queued in the transaction that changed the ticket
        long ticketId = jdbc.queryForObject("select id from tickets where number = ?", Long.class, opened.number());
        assertThat(api("/outbox").valueStream().filter(m -> m.get("to").asString().equals(AGENT3)
                && m.get("ticketId").asLong() == ticketId
                && !m.get("kind").asString().equals("notification"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#frobnicate now", "#status maybe", "#severity 7", "#line 4", "#assign stranger@elsewhere.example",
            "#pending later", "#severity2", "#note with words", "#solved\r\n#status open"})
    void aBadCommandChangesNothingRelaysNothingAndGoesBackToTheAgentOnce(String bad) throws Exception {
        Opened opened = newTicket("bad" + Math.abs(bad.hashCode()) + "@commands.example");
        long version = ticket(opened.number()).get("version").asLong();
        agentWrites(AGENT1, opened, "#assign me\r\n" + bad + "\r\nDear customer, here is the fix: restart the spooler.");

        eventually("the refusal", () -> receiptsTo(AGENT1, opened.number(), "not applied").size() == 1);
        String refusal = text(receiptsTo(AGENT1, opened.number(), "not applied").get(0));
        String badLine = bad.contains("\r\n") ? bad.substring(bad.indexOf("\r\n") + 2) : bad;
        int lineNumber = bad.contains("\r\n") ? 3 : 2;
        assertThat(refusal).contains("Line " + lineNumber + ": " + badLine).contains("nothing was changed")
                .contains("Dear customer, here is the fix: restart the spooler.");
        JsonNode ticket = ticket(opened.number());
        assertThat(ticket.get("version").asLong()).isEqualTo(version);
        assertThat(ticket.get("assignee").isNull()).isTrue();
        assertThat(ticket.get("status").asString()).isEqualTo("new");
        assertThat(ticket.get("messageCount").asInt()).isEqualTo(1);
        assertThat(ticket.get("events").valueStream().map(e -> e.get("kind").asString())).contains("refused-commands").doesNotContain("changed");
        assertThat(relayedTo(opened.customer())).hasSize(1);
        assertThat(receiptsTo(AGENT1, opened.number(), "changed")).as("no confirmation").isEmpty();
    }

    @Test
    void aMailWithABadCommandIsKeptSealedWithItsReasonForThePrivacyOfficerOnly() throws Exception {
        Opened opened = newTicket("kept@commands.example");
        agentWrites(AGENT1, opened, "#frobnicate\r\nThe customer's contract number is 4711, please keep it.");

        eventually("the refusal", () -> receiptsTo(AGENT1, opened.number(), "not applied").size() == 1);
        JsonNode dropped = api("/dropped").valueStream().filter(d -> d.get("reason").asString().contains("ticket " + opened.number() + " "))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(dropped.get("reason").asString()).contains("bad command on line 1").contains("unknown command #frobnicate");
        long spoolId = jdbc.queryForObject("select spool_id from dropped where id = ?", Long.class, dropped.get("id").asLong());
        assertThat(jdbc.queryForObject("select sealed_for from spool where id = ?", String.class, spoolId)).isEqualTo(AGENT1);
        assertThat(jdbc.queryForObject("select raw_file from spool where id = ?", String.class, spoolId)).endsWith(".sealed");

        String path = "/dropped/" + dropped.get("id").asLong() + "/original?reason=the%20agent%20asks%20for%20the%20lost%20text";
        assertThat(call(path, ADMIN_TOKEN).statusCode()).isEqualTo(403);
        var original = call(path, PRIVACY_OFFICER_TOKEN);
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).contains("#frobnicate").contains("contract number is 4711");
    }
}
