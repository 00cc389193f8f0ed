package eu.postdesk.mailets.noise;

import org.apache.mailet.Mail;
import org.apache.mailet.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import static eu.postdesk.mailets.noise.Mails.init;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance corpus' noise cases and its ordinary customer mail (plain 001-005, from Outlook,
 * Gmail, Thunderbird, iPhone and Samsung) through every noise matcher: each noise mail is caught by
 * exactly the matcher meant for it, and no ordinary request is taken for noise.
 */
class AcceptanceNoiseTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "plain-001.eml, ''",
            "plain-002.eml, ''",
            "plain-003.eml, ''",
            "plain-004.eml, ''",
            "plain-005.eml, ''",
            "024-out-of-office.eml, IsAutoReply",
            "025-dsn-bounce.eml, IsBounce",
            "026-bulk-newsletter.eml, IsBulkMail",
            "027-x-loop-returned-ack.eml, IsOwnLoop"})
    void onlyTheMatcherMeantForANoiseMailShouldMatchIt(String fixture, String expected) throws Exception {
        Map<String, Matcher> matchers = new LinkedHashMap<>();
        matchers.put("IsAutoReply", init(new IsAutoReply()));
        matchers.put("IsBounce", init(new IsBounce()));
        matchers.put("IsBulkMail", init(new IsBulkMail()));
        matchers.put("IsMailingListPost", init(new IsMailingListPost()));
        matchers.put("IsOwnLoop", init(new IsOwnLoop(), "support@helpdesk.test"));

        TreeSet<String> matched = new TreeSet<>();
        for (Map.Entry<String, Matcher> entry : matchers.entrySet()) {
            Mail mail = Mails.fixture(fixture);
            if (!entry.getValue().match(mail).isEmpty()) {
                matched.add(entry.getKey());
            }
        }

        assertThat(String.join(",", matched)).isEqualTo(expected);
    }
}
