package eu.postdesk.mailets.noise;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static eu.postdesk.mailets.noise.Mails.customerMail;
import static eu.postdesk.mailets.noise.Mails.init;
import static org.assertj.core.api.Assertions.assertThat;

class IsMailingListPostTest {

    private IsMailingListPost matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = init(new IsMailingListPost());
    }

    @Test
    void matchShouldMatchListPrecedence() throws Exception {
        assertThat(matcher.match(customerMail("Question", "Precedence", "list"))).isNotEmpty();
    }

    @Test
    void matchShouldMatchListIdWithoutBulkPrecedence() throws Exception {
        assertThat(matcher.match(customerMail("Question", "List-Id", "Users <users.lists.example>",
                "List-Unsubscribe", "<mailto:users-leave@lists.example>"))).isNotEmpty();
    }

    @Test
    void matchShouldLeaveBulkMailToIsBulkMail() throws Exception {
        assertThat(matcher.match(Mails.fixture("026-bulk-newsletter.eml"))).isEmpty();
    }

    @Test
    void matchShouldNotMatchADirectMail() throws Exception {
        assertThat(matcher.match(customerMail("Question"))).isEmpty();
    }
}
