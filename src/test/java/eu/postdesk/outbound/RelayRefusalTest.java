package eu.postdesk.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import eu.postdesk.Postdesk;
import eu.postdesk.RunningPostdesk;
import eu.postdesk.SmtpConversation;
import eu.postdesk.ingress.SmtpIngress;
import eu.postdesk.tickets.Tickets;

/**
 * Postdesk against a real relay that refuses: for now (451, as greylisting does, at RCPT and at
 * the end of DATA) or for good (550 at RCPT, quoting the address as real relays do).
 */
class RelayRefusalTest {
    private static final String SUPPORT = "support@helpdesk.test";
    private static final String AGENT = "agent@corp.test";
    private static final String GONE_AGENT = "agent@gone.example";

    private static RefusingRelay relay;
    private static ConfigurableApplicationContext server;

    @BeforeAll
    static void start() throws IOException {
        relay = new RefusingRelay();
        Path data = Files.createTempDirectory("postdesk-refusal-");
        server = new SpringApplicationBuilder(Postdesk.class).run(
                "--server.port=0", "--postdesk.smtp.port=0", "--postdesk.data-dir=" + data,
                "--postdesk.conf-dir=" + data.resolve("no-conf"),
                "--postdesk.support-addresses=" + SUPPORT, "--postdesk.api.admin-token=refusal-test-token-0123456789",
                "--postdesk.agents[0].address=" + AGENT, "--postdesk.agents[1].address=" + GONE_AGENT,
                "--postdesk.outbound.host=127.0.0.1", "--postdesk.outbound.port=" + relay.port(),
                "--postdesk.outbound.poll=50ms", "--postdesk.outbound.first-retry=100ms");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void aRelayThatRefusesForNowIsTriedAgainUntilItTakesTheMail() throws Exception {
        String customer = "mia@greylisting.example";
        write(customer, "Where is my parcel?");

        RunningPostdesk.eventually("the acknowledgement delivered", () -> acknowledgementTo(customer)
                .filter(e -> Outbox.SENT.equals(e.status())).isPresent());
        Outbox.Entry ack = acknowledgementTo(customer).orElseThrow();
        assertThat(ack.attempts()).as("451 at RCPT, 451 at the end of DATA, then accepted").isEqualTo(3);
        assertThat(relay.receivedFor(customer)).hasSize(1);
        assertThat(server.getBean(Tickets.class).events(ack.ticketId()))
                .noneMatch(event -> "delivery-failed".equals(event.get("kind"))
                        && String.valueOf(event.get("detail")).contains("acknowledgement"));
    }

    @Test
    void aRelayThatRefusesForGoodMarksTheMailFailedRecordsItOnTheTicketAndTellsTheAgentsOnce() throws Exception {
        String customer = "leo@gone.example";
        write(customer, "Please close my account");

        RunningPostdesk.eventually("the acknowledgement given up", () -> acknowledgementTo(customer)
                .filter(e -> Outbox.FAILED.equals(e.status())).isPresent());
        Outbox.Entry ack = acknowledgementTo(customer).orElseThrow();
        assertThat(ack.attempts()).isEqualTo(1);
        assertThat(ack.lastError()).contains("550").contains("5.1.1").contains("RCPT").doesNotContain(customer);
        long number = server.getBean(Tickets.class).byId(ack.ticketId()).orElseThrow().number();
        assertThat(server.getBean(Tickets.class).events(ack.ticketId()))
                .anyMatch(event -> "delivery-failed".equals(event.get("kind"))
                        && String.valueOf(event.get("detail")).contains("acknowledgement")
                        && !String.valueOf(event.get("detail")).contains(customer));

        // the notice to the agent whose mailbox is gone fails too, and must not cause another one
        RunningPostdesk.eventually("every mail of this ticket settled", () -> outbox().entries().stream()
                .filter(e -> ack.ticketId().equals(e.ticketId())).noneMatch(e -> Outbox.HELD.equals(e.status())));
        List<Outbox.Entry> notices = outbox().entries().stream()
                .filter(e -> ack.ticketId().equals(e.ticketId()) && "undeliverable".equals(e.kind())).toList();
        assertThat(notices).extracting(Outbox.Entry::recipient).containsExactlyInAnyOrder(AGENT, GONE_AGENT);
        List<String> toAgent = relay.receivedFor(AGENT).stream().filter(m -> m.contains("Undeliverable")).toList();
        assertThat(toAgent).hasSize(1);
        assertThat(toAgent.get(0)).contains("[#" + number + "]").doesNotContain(customer);
    }

    private static Outbox outbox() {
        return server.getBean(Outbox.class);
    }

    private static java.util.Optional<Outbox.Entry> acknowledgementTo(String customer) {
        return outbox().entries().stream().filter(e -> "ack".equals(e.kind()) && customer.equals(e.recipient())).findFirst();
    }

    private static void write(String customer, String subject) throws IOException {
        try (var smtp = new SmtpConversation("127.0.0.1", server.getBean(SmtpIngress.class).port())) {
            smtp.expect("220");
            smtp.command("EHLO t").expect("250");
            smtp.command("MAIL FROM:<" + customer + ">").expect("250");
            smtp.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            smtp.command("DATA").expect("354");
            smtp.data(("From: " + customer + "\r\nTo: " + SUPPORT + "\r\nSubject: " + subject
                    + "\r\nMessage-ID: <" + java.util.UUID.randomUUID() + "@customer.example>\r\n\r\nhello\r\n").getBytes(StandardCharsets.UTF_8))
                    .expect("250");
        }
    }

    /**
     * A real SMTP relay with a policy per recipient domain: {@code greylisting.example} is refused
     * with 451 at RCPT, then with 451 at the end of DATA, then accepted; {@code gone.example} is
     * refused with 550 at RCPT; everything else is accepted.
     */
    static final class RefusingRelay {
        private final SMTPServer smtp;
        private final Map<String, Integer> tries = new ConcurrentHashMap<>();
        private final List<Map.Entry<String, String>> received = new CopyOnWriteArrayList<>();

        RefusingRelay() {
            smtp = new SMTPServer.Builder().port(0).messageHandlerFactory(context -> new Transaction()).build();
            smtp.start();
        }

        int port() {
            return smtp.getPortAllocated();
        }

        void stop() {
            smtp.stop();
        }

        /** The messages accepted for this recipient, as text. */
        List<String> receivedFor(String recipient) {
            return received.stream().filter(m -> m.getKey().equals(recipient)).map(Map.Entry::getValue).toList();
        }

        private final class Transaction implements MessageHandler {
            private String recipient;
            private int attempt;

            @Override
            public void from(String from) {
            }

            @Override
            public void recipient(String address) throws RejectException {
                String lower = address.toLowerCase(Locale.ROOT);
                if (lower.endsWith("@gone.example")) {
                    throw new RejectException(550, "5.1.1 <" + address + ">: Recipient address rejected: no such user");
                }
                attempt = lower.endsWith("@greylisting.example") ? tries.merge(lower, 1, Integer::sum) : 0;
                if (attempt == 1) {
                    throw new RejectException(451, "4.7.1 <" + address + ">: Recipient address rejected: greylisted, try again later");
                }
                recipient = lower;
            }

            @Override
            public String data(InputStream data) throws RejectException, IOException {
                String message = new String(data.readAllBytes(), StandardCharsets.UTF_8);
                if (attempt == 2) {
                    throw new RejectException(451, "4.3.0 Temporary failure, try again later");
                }
                received.add(Map.entry(recipient, message));
                return null;
            }

            @Override
            public void done() {
            }
        }
    }
}
