package eu.postdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.postdesk.RunningPostdesk;

class ReplyAddressTest extends RunningPostdesk {
    @Autowired
    ReplyAddress replyAddress;

    @Test
    void aReplyAddressCarriesTheTicketNumberAndAnUnguessableToken() {
        String address = replyAddress.of(1042);
        assertThat(address).matches("support\\+1042-[0-9a-f]{12}@helpdesk\\.test");
        assertThat(replyAddress.ticketOf(address)).contains(1042L);
        assertThat(replyAddress.ticketOf(address.toUpperCase())).contains(1042L);
    }

    @Test
    void aForgedOrBorrowedTokenIsNotAReplyAddress() {
        String forTicket1042 = replyAddress.of(1042);
        String token = forTicket1042.substring(forTicket1042.indexOf('-') + 1, forTicket1042.indexOf('@'));
        assertThat(replyAddress.ticketOf("support+1043-" + token + "@helpdesk.test")).isEmpty();
        assertThat(replyAddress.ticketOf("support+1042-0123456789ab@helpdesk.test")).isEmpty();
        assertThat(replyAddress.ticketOf("support+1042@helpdesk.test")).isEmpty();
        assertThat(replyAddress.ticketOf(null)).isEmpty();
    }

    @Test
    void eachAgentsReplyAddressNamesTheTicketAndTheAgentItWasMadeFor() {
        String agent1s = replyAddress.of(1042, AGENT1);
        String agent2s = replyAddress.of(1042, AGENT2);
        assertThat(agent1s).matches("support\\+1042-[0-9a-f]{6}-[0-9a-f]{12}@helpdesk\\.test").isNotEqualTo(agent2s);
        assertThat(replyAddress.ticketOf(agent1s)).contains(1042L);
        assertThat(replyAddress.agentOf(agent1s)).contains(AGENT1);
        assertThat(replyAddress.agentOf(agent2s.toUpperCase())).contains(AGENT2);
        assertThat(replyAddress.of(1042, " Agent1@Corp.test ")).isEqualTo(agent1s);
    }

    @Test
    void anAgentsTokenDoesNotFitAnotherAgentOrTicket() {
        String agent1s = replyAddress.of(1042, AGENT1);
        String agent2s = replyAddress.of(1042, AGENT2);
        String agent1Key = agent1s.split("-")[1];
        String agent2Token = agent2s.substring(agent2s.lastIndexOf('-') + 1, agent2s.indexOf('@'));
        assertThat(replyAddress.ticketOf("support+1042-" + agent1Key + "-" + agent2Token + "@helpdesk.test")).isEmpty();
        String agent1Token = agent1s.substring(agent1s.lastIndexOf('-') + 1, agent1s.indexOf('@'));
        assertThat(replyAddress.ticketOf("support+1043-" + agent1Key + "-" + agent1Token + "@helpdesk.test")).isEmpty();
        assertThat(replyAddress.ticketOf("support+1042-abcdef-" + agent1Token + "@helpdesk.test")).isEmpty();
    }

    @Test
    void theOlderTicketOnlyAddressStillNamesItsTicketButNoAgent() {
        String older = replyAddress.of(1042);
        assertThat(replyAddress.ticketOf(older)).contains(1042L);
        assertThat(replyAddress.agentOf(older)).isEmpty();
    }
}
