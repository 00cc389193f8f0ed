package eu.postdesk.mailets.noise;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static eu.postdesk.mailets.noise.Mails.customerMail;
import static eu.postdesk.mailets.noise.Mails.init;
import static org.assertj.core.api.Assertions.assertThat;

class IsBulkMailTest {

    private IsBulkMail matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = init(new IsBulkMail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bulk", "junk", "Bulk"})
    void matchShouldMatchBulkPrecedenceWithListUnsubscribe(String precedence) throws Exception {
        assertThat(matcher.match(customerMail("Offers", "Precedence", precedence,
                "List-Unsubscribe", "<https://shop.example/unsubscribe>"))).isNotEmpty();
    }

    @Test
    void matchShouldMatchBulkPrecedenceWithListId() throws Exception {
        assertThat(matcher.match(customerMail("Offers", "Precedence", "bulk", "List-Id", "<news.shop.example>")))
                .isNotEmpty();
    }

    @Test
    void matchShouldNotMatchBulkPrecedenceAlone() throws Exception {
        assertThat(matcher.match(customerMail("Offers", "Precedence", "bulk"))).isEmpty();
    }

    @Test
    void matchShouldNotMatchAPersonsListPost() throws Exception {
        assertThat(matcher.match(customerMail("Question", "Precedence", "list", "List-Id", "<users.lists.example>",
                "List-Unsubscribe", "<mailto:users-leave@lists.example>"))).isEmpty();
    }

    @Test
    void matchShouldMatchTheNewsletterOfCase026() throws Exception {
        assertThat(matcher.match(Mails.fixture("026-bulk-newsletter.eml"))).isNotEmpty();
    }
}
