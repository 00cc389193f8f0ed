package eu.postdesk.queues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.tickets.TicketChange;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator's queue with {@code satisfaction: false}: solved tickets get no satisfaction request. */
class SatisfactionSwitchedOffTest extends RunningQueues {

    @DynamicPropertySource
    static void operatorQueues(DynamicPropertyRegistry registry) throws IOException {
        Path conf = Files.createTempDirectory("postdesk-conf-");
        Files.writeString(conf.resolve("queues.yml"), """
                first-response:
                  1: 1h round-the-clock
                  2: 4h business
                  3: 1d business
                  4: 3d business
                queues:
                  - address: support@helpdesk.test
                    default-language: en
                    satisfaction: false
                    hours:
                      en: 24/7
                """);
        registry.add("postdesk.conf-dir", conf::toString);
    }

    @Test
    void aSolvedTicketOfThatQueueGetsNoRequest() throws Exception {
        String customer = "quiet@customer.example";
        long number = open(customer, "Question", "Hello, a question.");
        change(number, "status", "status", "solved", AGENT1, TicketChange.MAIL);
        // the request would be queued in the transaction of the change: it is over
        assertThat(outboxOf(number)).noneMatch(row -> row.startsWith("csat "));
        assertThat(ticket(number).get("events").valueStream().map(e -> e.get("kind").asString())).doesNotContain("satisfaction-request");
    }
}
