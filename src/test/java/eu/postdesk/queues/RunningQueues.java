package eu.postdesk.queues;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.RunningPostdesk;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.Tickets;

/**
 * A running Postdesk whose clock the test moves, with agent2 on the second line, an incident
 * list and a management address. Changes are made the way the lifecycle service makes them:
 * the column is written and {@link Tickets#recordChange} is called, in one transaction.
 */
@Import(RunningQueues.MovableClockConfig.class)
public abstract class RunningQueues extends RunningPostdesk {
    public static final String ONCALL = "oncall@corp.test";
    public static final String DUTY = "duty@corp.test";
    public static final String MANAGEMENT = "boss@corp.test";
    protected static final MovableClock CLOCK = new MovableClock();

    @Autowired
    protected Tickets tickets;

    @Autowired
    protected TransactionTemplate transaction;

    @DynamicPropertySource
    static void queues(DynamicPropertyRegistry registry) {
        registry.add("postdesk.agents[1].line", () -> "2");
        registry.add("postdesk.incident.notify", () -> ONCALL + "," + DUTY);
        registry.add("postdesk.incident.link", () -> "https://desk.helpdesk.test/tickets/{number}");
        registry.add("postdesk.escalation.management", () -> MANAGEMENT);
        registry.add("postdesk.queues.breach-check", () -> "100ms");
    }

    @TestConfiguration
    static class MovableClockConfig {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    /** A clock that stands where the test puts it (the real time until then). */
    public static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>();

        public void set(Instant at) {
            now.set(at);
        }

        public void set(String localDateTime, ZoneId zone) {
            set(java.time.LocalDateTime.parse(localDateTime).atZone(zone).toInstant());
        }

        @Override
        public Instant instant() {
            Instant at = now.get();
            return at == null ? Instant.now() : at;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Changes a field as the lifecycle service does: the column, then recordChange, in one transaction. */
    protected void change(long number, String column, String field, String newValue, String actor, String channel) {
        transaction.executeWithoutResult(status -> {
            Ticket ticket = tickets.byNumber(number).orElseThrow();
            String old = jdbc.queryForObject("select cast(" + column + " as varchar) from tickets where id = ?", String.class, ticket.id());
            if (column.equals("severity")) {
                jdbc.update("update tickets set severity = ?, version = version + 1 where id = ?", Integer.parseInt(newValue), ticket.id());
            } else if (column.equals("first_response_at")) {
                jdbc.update("update tickets set first_response_at = ?, version = version + 1 where id = ?", Timestamp.from(Instant.parse(newValue)), ticket.id());
            } else {
                jdbc.update("update tickets set " + column + " = ?, version = version + 1 where id = ?", newValue, ticket.id());
            }
            tickets.recordChange(tickets.byId(ticket.id()).orElseThrow(), field, old, newValue, actor, channel);
        });
    }

    /** Opens a ticket by mail (Date header +0100 unless one is given) and waits for its acknowledgement; returns its number. */
    protected long open(String customer, String subject, String body, String... headers) throws Exception {
        deliver(customer, SUPPORT, customerMail(customer, SUPPORT, subject, body, headers));
        eventually("the acknowledgement to " + customer, () -> !relayedTo(customer).isEmpty());
        return ticketsOf(customer).get(0).get("number").asLong();
    }

    /** A plain customer mail to {@code to}; the headers given replace the defaults of the same name. */
    protected static String customerMail(String from, String to, String subject, String body, String... headers) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("from", "From: " + from);
        all.put("to", "To: " + to);
        all.put("subject", "Subject: " + subject);
        all.put("message-id", "Message-ID: <" + java.util.UUID.randomUUID() + "@customer.example>");
        all.put("date", "Date: Tue, 08 Dec 2026 10:00:00 +0100");
        for (String header : headers) {
            all.put(header.substring(0, header.indexOf(':')).toLowerCase(java.util.Locale.ROOT), header);
        }
        return String.join("\r\n", all.values()) + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    protected static MimeMessage onlyMailTo(String address) {
        List<MimeMessage> mail = relayedTo(address);
        if (mail.size() != 1) {
            throw new AssertionError("expected one mail to " + address + ", got " + mail.size());
        }
        return mail.get(0);
    }

    /**
     * The mail the relay holds for this address about this ticket (its {@code [#n]} tag): a late
     * mail of an earlier test's ticket, arriving after the relay was emptied, is not counted.
     */
    protected static List<MimeMessage> relayedTo(String address, long number) {
        return relayedTo(address).stream().filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains("[#" + number + "]");
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    /** Each test starts on the real time; a test that needs another sets it (a frozen clock would also hold back the outbox's retries). */
    @org.junit.jupiter.api.BeforeEach
    void realTime() {
        CLOCK.set((Instant) null);
    }

    /** What the outbox holds for this ticket: kind and recipient of each mail, in order. */
    protected List<String> outboxOf(long number) {
        return jdbc.queryForList("select o.kind || ' ' || o.recipient from outbox o join tickets t on t.id = o.ticket_id where t.number = ? order by o.id",
                String.class, number);
    }

    /** The text a person reads: the plain part of a mail. */
    protected static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String s) {
            return s;
        }
        var multipart = (jakarta.mail.Multipart) content;
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                return (String) multipart.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no text part");
    }
}
