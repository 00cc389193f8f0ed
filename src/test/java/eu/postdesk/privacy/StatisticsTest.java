package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import eu.postdesk.MovableClock;
import eu.postdesk.RunningPostdesk;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.Tickets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Statistics over real filed mail, on a server of its own with a clock the test moves: what they
 * count, that they stay the same when tickets are erased, and that small groups are suppressed.
 */
@Import(StatisticsTest.Moving.class)
class StatisticsTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class Moving {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    MovableClock clock;
    @Autowired
    Tickets tickets;

    private String supervisor;

    private String supervisor() {
        if (supervisor == null) {
            var issued = post("/tokens", ADMIN_TOKEN, Map.of("name", "statistics supervisor", "role", "supervisor"));
            assertThat(issued.statusCode()).isEqualTo(201);
            supervisor = JSON.readTree(issued.body()).get("token").asString();
        }
        return supervisor;
    }

    /** Files {@code count} tickets from distinct customers writing in {@code language}; returns them. */
    private List<Ticket> ticketsIn(String language, int count, String customerPrefix) throws Exception {
        for (int i = 0; i < count; i++) {
            String customer = customerPrefix + i + "@customer.example";
            deliver(customer, SUPPORT, mail(customer, "Statistics " + customerPrefix + " " + i, "My PESEL is 44051401359, please check.",
                    "Content-Language: " + language));
        }
        eventually(count + " tickets in " + language, () -> tickets.all().stream().filter(t -> t.customer().startsWith(customerPrefix)).count() == count);
        awaitSpoolSettled();
        return tickets.all().stream().filter(t -> t.customer().startsWith(customerPrefix)).toList();
    }

    private JsonNode row(JsonNode stats, String group) {
        return stats.get("rows").valueStream().filter(r -> r.get("group").asString().equals(group)).findFirst().orElseThrow();
    }

    private JsonNode stats(String query) {
        var response = call("/stats?" + query, supervisor());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void statisticsStayTheSameWhenTicketsAreErased() throws Exception {
        List<Ticket> filed = ticketsIn("de", 6, "stats-de-");
        for (int i = 0; i < filed.size(); i++) {
            Ticket ticket = filed.get(i);
            tickets.recordChange(ticket, "firstResponseAt", null, ticket.createdAt().plus(Duration.ofMinutes(10 * (i + 1))).toString(), "agent1@corp.test", TicketChange.MAIL);
            tickets.recordChange(ticket, "csat", null, Integer.toString(i % 2 == 0 ? 5 : 4), "customer", TicketChange.MAIL);
        }
        tickets.recordChange(filed.get(0), "breached", "false", "true", "timer", TicketChange.TIMER);
        clock.advance(Duration.ofHours(3));
        for (Ticket ticket : filed) {
            tickets.recordChange(ticket, "status", "open", "solved", "agent1@corp.test", TicketChange.API);
        }

        JsonNode before = stats("by=language");
        JsonNode german = row(before, "de");
        assertThat(german.get("suppressed").asBoolean()).isFalse();
        assertThat(german.get("tickets").asInt()).isEqualTo(6);
        assertThat(german.get("firstResponseSeconds").get("median").asLong()).isEqualTo(1800);
        assertThat(german.get("firstResponseSeconds").get("p90").asLong()).isEqualTo(3600);
        assertThat(german.get("resolutionSeconds").get("median").asLong()).isBetween(3 * 3600L, 3 * 3600L + 120);
        assertThat(german.get("breaches").asInt()).isEqualTo(1);
        assertThat(german.get("csat").get("average").asDouble()).isEqualTo(4.5);
        assertThat(german.get("redactions").toString()).as("the PESEL numbers redacted: " + german).isNotEqualTo("{}");
        String csvBefore = call("/stats?by=language&format=csv", supervisor()).body();

        for (Ticket ticket : filed.subList(0, 3)) {
            eraseAsAnErasureWould(ticket.id());
        }
        assertThat(tickets.all()).extracting(Ticket::customer).noneMatch(c -> c.startsWith("stats-de-0") || c.startsWith("stats-de-1") || c.startsWith("stats-de-2"));

        assertThat(stats("by=language")).isEqualTo(before);
        assertThat(call("/stats?by=language&format=csv", supervisor()).body()).isEqualTo(csvBefore);
        String facts = jdbc.queryForList("select * from ticket_facts").toString() + jdbc.queryForList("select * from ticket_fact_counts");
        assertThat(facts).doesNotContain("stats-de-", "customer.example", "Statistics", "44051401359");
    }

    @Test
    void aGroupOfFewerTicketsThanTheMinimumIsSuppressedAndSoIsATotalThatWouldGiveItAway() throws Exception {
        ticketsIn("lv", 5, "stats-lv-");
        ticketsIn("fi", 2, "stats-fi-");

        JsonNode stats = stats("by=language");

        assertThat(stats.get("minGroup").asInt()).isEqualTo(5);
        assertThat(row(stats, "lv").get("tickets").asInt()).isEqualTo(5);
        JsonNode finnish = row(stats, "fi");
        assertThat(finnish.get("suppressed").asBoolean()).isTrue();
        assertThat(finnish.has("tickets")).isFalse();
        assertThat(row(stats, "total").get("suppressed").asBoolean()).as("the total minus the shown groups would be the Finnish count").isTrue();
        assertThat(row(stats, "lv").get("csat").get("average").isNull()).as("no satisfaction answers, no average").isTrue();

        String csv = call("/stats?by=language&format=csv", supervisor()).body();
        assertThat(csv).contains("\r\nfi,true,,,,,,,,,,\r\n").contains("\r\nlv,false,5,");
        assertThat(call("/stats?by=customer", supervisor()).statusCode()).isEqualTo(400);
        assertThat(call("/stats?from=yesterday", supervisor()).statusCode()).isEqualTo(400);
        String today = clock.instant().toString().substring(0, 10);
        assertThat(stats("from=2000-01-01&to=2000-12-31&by=language").get("rows").size()).as("nothing filed in 2000: only the total").isEqualTo(1);
        assertThat(stats("from=" + today + "&to=" + today + "&by=week").get("rows").size()).isGreaterThanOrEqualTo(2);
    }

    /** What an erasure removes of a ticket: its messages, attachments, originals, participants, thread ids, events, outbox, the ticket. */
    @Test
    void statisticsCanBeNarrowedToOneLanguageOrSeverityAndSmallGroupsStaySuppressedAfterIt() throws Exception {
        List<Ticket> swedish = ticketsIn("sv", 7, "stats-sv-");
        for (Ticket ticket : swedish.subList(0, 2)) {
            jdbc.update("update tickets set severity = 1 where id = ?", ticket.id());
            tickets.recordChange(ticket, "severity", "3", "1", "agent1@corp.test", TicketChange.API);
        }

        JsonNode onlySwedish = stats("by=severity&language=sv");
        assertThat(row(onlySwedish, "3").get("tickets").asInt()).as("the five Swedish tickets of severity 3").isEqualTo(5);
        assertThat(row(onlySwedish, "1").get("suppressed").asBoolean()).as("two tickets of severity 1: fewer than the minimum").isTrue();
        assertThat(row(stats("by=language"), "sv").get("tickets").asInt()).as("unnarrowed, all seven").isEqualTo(7);
        assertThat(row(stats("by=language&severity=3"), "sv").get("tickets").asInt()).isEqualTo(5);
        assertThat(stats("by=language&language=sv&severity=1").get("rows").valueStream().allMatch(r -> r.get("suppressed").asBoolean()))
                .as("two tickets make no statistic, however narrowed").isTrue();
        assertThat(call("/stats?severity=9", supervisor()).statusCode()).isEqualTo(400);
    }

    private void eraseAsAnErasureWould(long ticketId) {
        jdbc.update("delete from attachments where message_id in (select id from messages where ticket_id = ?)", ticketId);
        jdbc.update("delete from sealed_originals where message_id in (select id from messages where ticket_id = ?)", ticketId);
        jdbc.update("delete from messages where ticket_id = ?", ticketId);
        jdbc.update("delete from participants where ticket_id = ?", ticketId);
        jdbc.update("delete from thread_ids where ticket_id = ?", ticketId);
        jdbc.update("delete from ticket_events where ticket_id = ?", ticketId);
        jdbc.update("delete from outbox where ticket_id = ?", ticketId);
        jdbc.update("delete from tickets where id = ?", ticketId);
    }
}
