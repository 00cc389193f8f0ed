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
}
