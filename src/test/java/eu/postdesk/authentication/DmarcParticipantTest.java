package eu.postdesk.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;

/**
 * With {@code postdesk.authentication} on, a reply that names a ticket only by its subject tag
 * joins it when its From passes DMARC, and opens a new ticket when its From fails DMARC, even if
 * it names the ticket's own customer: a forged From is no participant.
 */
class DmarcParticipantTest extends RunningPostdesk {
    static final TestDns dns = new TestDns()
            // the test's mail comes from 127.0.0.1
            .publish("genuine.example", DnsRecords.Type.TXT, "v=spf1 ip4:127.0.0.1 -all")
            .publish("_dmarc.genuine.example", DnsRecords.Type.TXT, "v=DMARC1; p=reject")
            .publish("guarded.example", DnsRecords.Type.TXT, "v=spf1 ip4:192.0.2.1 -all")
            .publish("_dmarc.guarded.example", DnsRecords.Type.TXT, "v=DMARC1; p=reject");

    @DynamicPropertySource
    static void checks(DynamicPropertyRegistry registry) {
        registry.add("postdesk.authentication", () -> "on");
    }

    @TestConfiguration
    static class ControlledDns {
        @Bean
        @Primary
        DnsRecords controlledDns() {
            return dns;
        }
    }

    @Test
    void aTagOnlyReplyWhoseFromPassesDmarcJoinsTheTicket() throws Exception {
        String customer = "ines@genuine.example";
        deliver(customer, SUPPORT, mail(customer, "Invoice question", "Where is my invoice?"));
        eventually("the ticket", () -> ticketsOf(customer).size() == 1);
        long number = ticketsOf(customer).get(0).get("number").asLong();

        deliver(customer, SUPPORT, mail(customer, "Re: [#" + number + "] Invoice question", "Found it, thanks."));

        eventually("the reply on the ticket", () -> ticket(number).get("messageCount").asInt() == 2);
        assertThat(ticketsOf(customer)).hasSize(1);
    }

    @Test
    void aTagOnlyReplyWhoseFromFailsDmarcOpensANewTicketEvenInTheCustomersName() throws Exception {
        String customer = "olaf@guarded.example";
        deliver(customer, SUPPORT, mail(customer, "Contract", "Please send the contract."));
        eventually("the ticket", () -> ticketsOf(customer).size() == 1);
        long number = ticketsOf(customer).get(0).get("number").asLong();

        // from 127.0.0.1, which guarded.example's SPF does not permit, and unsigned: DMARC fails
        deliver(customer, SUPPORT, mail(customer, "Re: [#" + number + "] Contract", "Send it to my new address instead."));

        eventually("a second ticket", () -> ticketsOf(customer).size() == 2);
        assertThat(ticket(number).get("messageCount").asInt()).isEqualTo(1);
        assertThat(ticket(number).get("events").valueStream().map(e -> e.get("detail").asString()))
                .anyMatch(d -> d.contains("failed DMARC"));
    }
}
