package eu.postdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Threading on the real schema in an H2 file database, counting the statements it sends. */
class ThreadingTest {
    @TempDir
    Path folder;
    private final AtomicInteger statements = new AtomicInteger();
    private Tickets tickets;
    private Threading threading;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + folder.resolve("threading") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        tickets = new Tickets(new JdbcTemplate(counting(h2)), event -> { }, java.time.Clock.systemUTC());
        threading = new Threading(tickets);
    }

    /** A data source whose connections count every statement they prepare. */
    private DataSource counting(DataSource data) throws Exception {
        Connection real = data.getConnection();
        Connection counted = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new SingleConnectionDataSource(counted, true);
    }

    private static MessageContent reply(String references, String inReplyTo) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("lena@customer.example");
        message.setSubject("Re: printer");
        message.setHeader("Message-ID", "<reply@customer.example>");
        if (references != null) {
            message.setHeader("References", references);
        }
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", inReplyTo);
        }
        message.setText("Still broken.");
        message.saveChanges();
        message.setHeader("Message-ID", "<reply@customer.example>");
        return MessageContent.of(message);
    }

    @Test
    void aReplyNamingTenThousandReferencesJoinsItsTicketInTwoStatements() throws Exception {
        Ticket ticket = tickets.open("printer", "lena@customer.example", "en", "lena@customer.example");
        tickets.rememberMessageId(ticket.id(), "<parent@customer.example>");
        String references = IntStream.range(0, 10_000).mapToObj(i -> "<unknown-" + i + "@elsewhere.example>")
                .collect(Collectors.joining("\r\n ")) + "\r\n <parent@customer.example>";
        MessageContent reply = reply(references, null);
        assertThat(reply.references()).hasSize(10_001);
        statements.set(0);

        assertThat(threading.ticketFor(reply, "lena@customer.example")).map(Ticket::id).contains(ticket.id());
        assertThat(statements.get()).as("one lookup of the named ids, one of the ticket").isEqualTo(2);
    }

    @Test
    void theLastNamedIdWeKnowDecidesAndIdsBeyondTheBoundAreNotLookedUp() throws Exception {
        Ticket old = tickets.open("old", "lena@customer.example", "en", "lena@customer.example");
        Ticket recent = tickets.open("recent", "lena@customer.example", "en", "lena@customer.example");
        tickets.rememberMessageId(old.id(), "<first@customer.example>");
        tickets.rememberMessageId(recent.id(), "<second@customer.example>");

        assertThat(threading.ticketFor(reply("<first@customer.example> <second@customer.example>", null), "lena@customer.example"))
                .map(Ticket::id).contains(recent.id());
        assertThat(threading.ticketFor(reply("<second@customer.example>", "<first@customer.example>"), "lena@customer.example"))
                .map(Ticket::id).contains(old.id());
        String beyond = "<first@customer.example> " + IntStream.range(0, Threading.MAX_NAMED_IDS)
                .mapToObj(i -> "<unknown-" + i + "@elsewhere.example>").collect(Collectors.joining(" "));
        assertThat(threading.ticketFor(reply(beyond, null), "lena@customer.example")).isEmpty();
    }
}
