package eu.postdesk.queues;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import eu.postdesk.tickets.TicketChange;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a ticket is solved the customer is asked once, by plain mail, how satisfied they are; a
 * reply to the rating address with a digit or a word is the rating, stored on the ticket.
 */
class SatisfactionTest extends RunningQueues {

    /** Solves the ticket as the lifecycle service does and returns the satisfaction request. */
    private MimeMessage solve(long number, String customer) {
        change(number, "status", "status", "solved", AGENT1, TicketChange.MAIL);
        eventually("the satisfaction request", () -> relayedTo(customer).stream().anyMatch(m -> {
            try {
                return m.getHeader("Message-ID", null).startsWith("<csat.");
            } catch (Exception e) {
                return false;
            }
        }));
        return relayedTo(customer).stream().filter(m -> {
            try {
                return m.getHeader("Message-ID", null).startsWith("<csat.");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
    }

    private void rate(String customer, MimeMessage request, String body, String... headers) throws Exception {
        String ratingAddress = ((InternetAddress) request.getReplyTo()[0]).getAddress();
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
        all[headers.length] = "In-Reply-To: " + request.getHeader("Message-ID", null);
        deliver(customer, ratingAddress, customerMail(customer, ratingAddress, "Re: " + request.getSubject(), body, all));
    }

    @Test
    void aSolvedTicketsCustomerIsAskedOnceWithoutLinksAndRatesWithADigitAndAComment() throws Exception {
        String customer = "rita@customer.example";
        long number = open(customer, "Invoice", "Hello, where is my invoice?");
        MimeMessage request = solve(number, customer);
        String ratingAddress = ((InternetAddress) request.getReplyTo()[0]).getAddress();
        assertThat(ratingAddress).startsWith("support+rate-" + number + "-").endsWith("@helpdesk.test");
        assertThat(request.getContent()).isInstanceOf(String.class);
        assertThat(text(request)).contains("from 1 (very dissatisfied) to 5").doesNotContain("http").doesNotContain("<img");
        assertThat(request.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");

        rate(customer, request, "5\r\nQuick and friendly, thank you.\r\n\r\n> your request " + number + " has been solved");
        eventually("the rating", () -> !ticket(number).get("csat").isNull());
        JsonNode csat = ticket(number).get("csat");
        assertThat(csat.get("rating").asInt()).isEqualTo(5);
        assertThat(csat.get("comment").asString()).isEqualTo("Quick and friendly, thank you.");
        assertThat(ticket(number).get("status").asString()).isEqualTo("solved");
        assertThat(ticket(number).get("messageCount").asInt()).isEqualTo(1);

        // solved again later: no second request
        change(number, "status", "status", "open", AGENT1, TicketChange.MAIL);
        change(number, "status", "status", "solved", AGENT1, TicketChange.MAIL);
        assertThat(outboxOf(number)).filteredOn(row -> row.startsWith("csat ")).hasSize(1);
    }

    @Test
    void aWordRatesTooInTheCustomersLanguage() throws Exception {
        String customer = "piotr@klient.example";
        long number = open(customer, "Faktura", "Dzień dobry, proszę o fakturę.", "Content-Language: pl");
        MimeMessage request = solve(number, customer);
        assertThat(text(request)).contains("cyfrą od 1");
        rate(customer, request, "Źle, za długo to trwało.");
        eventually("the rating", () -> !ticket(number).get("csat").isNull());
        assertThat(ticket(number).get("csat").get("rating").asInt()).isEqualTo(1);
        assertThat(ticket(number).get("csat").get("comment").asString()).isEqualTo("za długo to trwało.");
    }

    @Test
    void anAutoReplyToTheRequestIsNeverARating() throws Exception {
        String customer = "away@customer.example";
        long number = open(customer, "Question", "Hello, a question.");
        MimeMessage request = solve(number, customer);
        rate(customer, request, "5", "Auto-Submitted: auto-replied");
        awaitSpoolSettled();
        assertThat(jdbc.queryForObject("select outcome from spool order by id desc limit 1", String.class)).isEqualTo("dropped");
        assertThat(ticket(number).get("csat").isNull()).isTrue();
    }

    @Test
    void aLaterRatingReplacesTheEarlierAndBothAreRecorded() throws Exception {
        String customer = "vera@customer.example";
        long number = open(customer, "Login", "Hello, login fails.");
        MimeMessage request = solve(number, customer);
        rate(customer, request, "2");
        eventually("the first rating", () -> !ticket(number).get("csat").isNull());
        rate(customer, request, "good - it works now");
        eventually("the second rating", () -> ticket(number).get("csat").get("rating").asInt() == 5);
        assertThat(ticket(number).get("csat").get("comment").asString()).isEqualTo("it works now");
        assertThat(ticket(number).get("events").valueStream().filter(e -> "csat".equals(e.path("field").asString(null)))
                .map(e -> e.path("old").asString(null) + "->" + e.get("new").asString())).containsExactly("null->2", "2->5");
    }

    @Test
    void anAnswerWithoutARatingIsFiledAsACustomerMessage() throws Exception {
        String customer = "noel@customer.example";
        long number = open(customer, "Printer", "Hello, the printer is offline.");
        MimeMessage request = solve(number, customer);
        rate(customer, request, "The printer is offline again since this morning.");
        eventually("the message on the ticket", () -> ticket(number).get("messageCount").asInt() == 2);
        assertThat(ticket(number).get("csat").isNull()).isTrue();
        eventually("the agents are notified", () -> relayedTo(AGENT1).size() == 2);
    }
}
