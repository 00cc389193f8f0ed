package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class CustomerRoundTripTest extends RunningPostdesk {

    @Test
    void aCustomerMailOpensATicketAndIsAcknowledgedWithTheTicketTag() throws Exception {
        String customer = "anna@customer-a.example";
        String raw = mail("Anna <" + customer + ">", "Cannot log in", "Hello, I cannot log in since Monday. Thanks for your help.");
        deliver(customer, SUPPORT, raw);

        eventually("a ticket for " + customer, () -> ticketsOf(customer).size() == 1);
        long number = ticketsOf(customer).get(0).get("number").asLong();
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);

        MimeMessage ack = relayedTo(customer).get(0);
        assertThat(ack.getSubject()).contains("[#" + number + "]").contains("Cannot log in");
        assertThat(((InternetAddress) ack.getFrom()[0]).getAddress()).isEqualTo(SUPPORT);
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ack.getHeader("X-Loop", null)).isEqualTo(SUPPORT);
        String customerMessageId = raw.lines().filter(l -> l.startsWith("Message-ID: ")).findFirst().orElseThrow().substring(12);
        assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo(customerMessageId);
        assertThat(ack.getHeader("Message-ID", null)).endsWith("@helpdesk.test>");
        assertThat((String) ack.getContent()).contains(Long.toString(number)).containsIgnoringCase("password");
    }

    @Test
    void theAcknowledgementSpeaksTheCustomersLanguage() throws Exception {
        String customer = "jan@klient.example";
        deliver(customer, SUPPORT, mail(customer, "Faktura", "Dzień dobry, proszę o korektę faktury, nie mogę jej pobrać. Pozdrawiam"));
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);
        assertThat((String) relayedTo(customer).get(0).getContent()).contains("dziękujemy").contains("haseł");
    }

    @Test
    void aReplyToTheAcknowledgementJoinsTheSameTicket() throws Exception {
        String customer = "ben@customer-b.example";
        deliver(customer, SUPPORT, mail(customer, "Printer offline", "The printer says offline."));
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);
        MimeMessage ack = relayedTo(customer).get(0);
        String ackId = ack.getHeader("Message-ID", null);

        deliver(customer, SUPPORT, mail(customer, "Re: " + ack.getSubject(), "It works again after a restart.",
                "In-Reply-To: " + ackId, "References: " + ackId));

        eventually("the reply on the same ticket", () -> ticketsOf(customer).size() == 1
                && ticketsOf(customer).get(0).get("messageCount").asInt() == 2);
        awaitSpoolSettled();
        assertThat(relayedTo(customer)).as("a reply is not acknowledged again").hasSize(1);
    }

    @Test
    void aReplyWithoutThreadingHeadersJoinsByTheSubjectTagWhenTheSenderTakesPart() throws Exception {
        String customer = "cleo@customer-c.example";
        deliver(customer, SUPPORT, mail(customer, "VPN drops", "The VPN drops every hour."));
        eventually("a ticket", () -> ticketsOf(customer).size() == 1);
        long number = ticketsOf(customer).get(0).get("number").asLong();

        deliver(customer, SUPPORT, mail(customer, "AW: [#" + number + "] VPN drops", "Still happening."));

        eventually("the reply on the same ticket", () -> ticket(number).get("messageCount").asInt() == 2);
        assertThat(ticketsOf(customer)).hasSize(1);
    }

    @Test
    void aStrangerQuotingSomeoneElsesTicketNumberOpensANewTicketAndTheAttemptIsRecorded() throws Exception {
        String customer = "dora@customer-d.example";
        String stranger = "mallory@elsewhere.example";
        deliver(customer, SUPPORT, mail(customer, "Contract question", "Please send me my contract."));
        eventually("a ticket", () -> ticketsOf(customer).size() == 1);
        long number = ticketsOf(customer).get(0).get("number").asLong();

        deliver(stranger, SUPPORT, mail(stranger, "Re: [#" + number + "] Contract question", "Send the contract to me instead."));

        eventually("a ticket of the stranger's own", () -> ticketsOf(stranger).size() == 1);
        assertThat(ticket(number).get("messageCount").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ticket_events e join tickets t on t.id = e.ticket_id where t.number = ? and e.kind = 'foreign-tag'",
                Integer.class, number)).isEqualTo(1);
    }

    @Test
    void twoCustomersWithTheSameSubjectGetTwoTickets() throws Exception {
        deliver("eva@one.example", SUPPORT, mail("eva@one.example", "Invoice for March", "Wrong address on the invoice."));
        deliver("finn@two.example", SUPPORT, mail("finn@two.example", "Invoice for March", "Wrong amount on the invoice."));
        eventually("two tickets", () -> ticketsOf("eva@one.example").size() == 1 && ticketsOf("finn@two.example").size() == 1);
        assertThat(ticketsOf("eva@one.example").get(0).get("number")).isNotEqualTo(ticketsOf("finn@two.example").get(0).get("number"));
    }

    @Test
    void theSameMessageDeliveredTwiceIsFiledOnce() throws Exception {
        String customer = "gus@customer-g.example";
        String raw = mail(customer, "Double", "Sent twice by a confused server.");
        deliver(customer, SUPPORT, raw);
        deliver(customer, SUPPORT, "Received: from relay2.example by mx; Tue, 04 Mar 2025 10:01:00 +0100\r\n" + raw);
        awaitSpoolSettled();
        eventually("one ticket", () -> ticketsOf(customer).size() == 1);
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);
        Thread.sleep(300);
        assertThat(ticketsOf(customer).get(0).get("messageCount").asInt()).isEqualTo(1);
        assertThat(relayedTo(customer)).hasSize(1);
    }

    @Test
    void agentsAreNotifiedWithTheTicketsReplyAddress() throws Exception {
        String customer = "hana@customer-h.example";
        deliver(customer, SUPPORT, mail(customer, "Export fails", "The CSV export fails with error 500."));
        eventually("a ticket", () -> ticketsOf(customer).size() == 1);
        long number = ticketsOf(customer).get(0).get("number").asLong();
        eventually("notifications to both agents", () -> notificationsOf(AGENT1, number).size() == 1 && notificationsOf(AGENT2, number).size() == 1);

        MimeMessage notification = notificationsOf(AGENT1, number).get(0);
        String replyTo = ((InternetAddress) notification.getReplyTo()[0]).getAddress();
        assertThat(replyTo).matches("support\\+" + number + "-[0-9a-f]{6}-[0-9a-f]{12}@helpdesk\\.test");
        assertThat(notification.getSubject()).contains("[#" + number + "]");
        assertThat(notification.getHeader("X-Loop", null)).isEqualTo(SUPPORT);
        assertThat(String.valueOf(notification.getContent())).contains("The CSV export fails");
    }

    @Test
    void theTicketDetailShowsWhatTheMessageAddsWithoutTheQuotedHistory() throws Exception {
        String customer = "ivo@customer-i.example";
        deliver(customer, SUPPORT, mail(customer, "Question", "New question here.\r\n\r\nOn Mon, 3 Mar 2025 at 10:00, Support <support@helpdesk.test> wrote:\r\n> Old answer"));
        eventually("a ticket", () -> ticketsOf(customer).size() == 1);
        JsonNode message = ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0);
        assertThat(message.get("direction").asString()).isEqualTo("inbound");
        assertThat(message.get("text").asString()).contains("Old answer");
        assertThat(message.get("newText").asString()).contains("New question here.").doesNotContain("Old answer");
        assertThat(message.has("html")).isTrue();
        assertThat(message.get("attachments").isArray()).isTrue();
        assertThat(message.get("privacy").get("trackersRemoved").asInt()).isZero();
    }

    private static List<MimeMessage> notificationsOf(String agent, long number) {
        return relayedTo(agent).stream().filter(m -> {
            try {
                return m.getSubject().contains("[#" + number + "]");
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
