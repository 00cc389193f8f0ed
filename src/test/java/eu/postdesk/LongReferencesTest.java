package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** A reply whose References names ten thousand ids is filed into its ticket, over SMTP. */
class LongReferencesTest extends RunningPostdesk {
    @Test
    void aReplyWithTenThousandReferencesJoinsItsTicket() throws Exception {
        String customer = "long-references@customer.example";
        deliver(customer, SUPPORT, mail(customer, "Printer", "It prints nothing.", "Message-ID: <first-long-refs@customer.example>")
                .replaceFirst("Message-ID: <[^>]+>\r\n", ""));
        eventually("the ticket", () -> ticketsOf(customer).size() == 1);

        String references = IntStream.range(0, 10_000).mapToObj(i -> "<unknown-" + i + "@elsewhere.example>")
                .collect(Collectors.joining("\r\n ")) + "\r\n <first-long-refs@customer.example>";
        deliver(customer, SUPPORT, mail(customer, "Re: Printer", "Still nothing.", "References: " + references,
                "In-Reply-To: <first-long-refs@customer.example>"));

        eventually("the reply filed", () -> ticketsOf(customer).stream().mapToLong(t -> t.get("messageCount").asLong()).sum() == 2);
        assertThat(ticketsOf(customer)).hasSize(1);
        assertThat(ticketsOf(customer).get(0).get("messageCount").asLong()).isEqualTo(2);
    }
}
