package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;

/**
 * A masked value keeps its tag across the messages of a ticket, so an agent can tell "the same
 * PESEL again" from "another PESEL" without seeing either: the shipped chain gives the redaction a
 * key derived from the master key.
 */
class PlaceholderTagsTest extends RunningPostdesk {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[#([A-Za-z0-9]+) \\*+]");

    @Test
    void theSameValueInTwoMessagesOfOneTicketGetsTheSameTagAndAnotherValueAnother() throws Exception {
        String customer = "tags@customer.example";
        String first = mail(customer, "my account", "My PESEL is 44051401359, please check.");
        deliver(customer, SUPPORT, first);
        eventually("the first message filed", () -> !ticketsOf(customer).isEmpty());
        String firstId = first.lines().filter(l -> l.startsWith("Message-ID: ")).findFirst().orElseThrow().substring(12);
        long number = ticketsOf(customer).get(0).get("number").asLong();

        deliver(customer, SUPPORT, mail(customer, "Re: my account",
                "My wife's is 44051401458. Mine, again: 44051401359.", "In-Reply-To: " + firstId, "References: " + firstId));
        eventually("the reply filed on the same ticket", () -> ticket(number).get("messages").size() == 2);

        JsonNode messages = ticket(number).get("messages");
        List<String> firstTags = tags(messages.get(0).get("text").asString());
        List<String> replyTags = tags(messages.get(1).get("text").asString());
        assertThat(messages.get(1).get("text").asString()).doesNotContain("44051401359", "44051401458");
        assertThat(firstTags).hasSize(1);
        assertThat(replyTags).hasSize(2);
        // in the reply the other PESEL comes first: numbering per message would call it #1, like the first message's
        assertThat(replyTags.get(1)).as("the same PESEL again").isEqualTo(firstTags.get(0));
        assertThat(replyTags.get(0)).as("another PESEL").isNotEqualTo(firstTags.get(0));
    }

    private static List<String> tags(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        List<String> tags = new java.util.ArrayList<>();
        while (matcher.find()) {
            tags.add(matcher.group(1));
        }
        return tags;
    }
}
