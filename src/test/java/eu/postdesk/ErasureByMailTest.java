package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * A customer asks by mail for their data to be erased: nothing happens until they answer the
 * one-time confirmation mail from their own address; then it is erased. A forged token, an answer
 * from someone else, an expired token and a token used twice do nothing.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ErasureByMailTest {
    @RegisterExtension
    static final GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static PrivacyServer server;

    @BeforeAll
    static void start() throws Exception {
        MovedClock.reset();
        Path data = Files.createTempDirectory("postdesk-erasure-mail-");
        server = new PrivacyServer(data, relay.getSmtp().getPort(), MovedClock.class);
    }

    @AfterAll
    static void stop() {
        server.close();
        MovedClock.reset();
    }

    /** A customer mail as their client writes it: the subject RFC 2047-encoded. */
    private static String mail(String from, String to, String subject, String body) throws Exception {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + jakarta.mail.internet.MimeUtility.encodeText(subject, "UTF-8", "B") + "\r\nMessage-ID: <" + java.util.UUID.randomUUID()
                + "@customer.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    private static void send(String from, String to, String raw) throws Exception {
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", server.context.getBean(eu.postdesk.ingress.SmtpIngress.class).port())) {
            smtp.expect("220");
            smtp.command("EHLO test").expect("250");
            smtp.command("MAIL FROM:<" + from + ">").expect("250");
            smtp.command("RCPT TO:<" + to + ">").expect("250");
            smtp.command("DATA").expect("354");
            smtp.data(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).expect("250");
            smtp.command("QUIT");
        }
    }

    /** A customer with a ticket who asks by mail to be erased; returns the confirmation mail's reply address. */
    private static String askToBeErased(String customer, String subject) throws Exception {
        server.deliver(customer, mail(customer, PrivacyServer.SUPPORT, "My order " + customer, "Where is it?"));
        server.awaitSettled();
        server.deliver(customer, mail(customer, PrivacyServer.SUPPORT, subject, "I want you to forget me."));
        RunningPostdesk.eventually("the confirmation mail to " + customer, () -> confirmationTo(customer) != null);
        assertThat(server.jdbc.queryForObject("select count(*) from tickets where customer = ?", Integer.class, customer))
                .as("asking alone erases nothing, and makes no ticket").isEqualTo(1);
        assertThat(status(customer)).isEqualTo("awaiting-confirmation");
        return ((InternetAddress) confirmationTo(customer).getReplyTo()[0]).getAddress();
    }

    private static MimeMessage confirmationTo(String customer) {
        return Arrays.stream(relay.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(customer) && m.getSubject().startsWith("Confirm the erasure");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null);
    }

    private static String status(String customer) {
        String hash = server.context.getBean(eu.postdesk.privacy.Erasure.class).subjectHash(customer);
        return server.jdbc.queryForObject("select status from erasure_requests where subject_hashes = ?", String.class, hash);
    }

    /** Answers a confirmation address and waits for the positive event: the answer recorded as dropped, with what it came to. */
    private static String answer(String from, String confirmation) throws Exception {
        long before = server.jdbc.queryForObject("select coalesce(max(id), 0) from dropped", Long.class);
        send(from, confirmation, mail(from, confirmation, "Re: Confirm the erasure of your data", "Yes, erase it."));
        RunningPostdesk.eventually("the answer recorded", () -> server.jdbc.queryForObject(
                "select count(*) from dropped where id > ? and reason like 'answer to an erasure%'", Integer.class, before) == 1);
        return server.jdbc.queryForObject("select reason from dropped where id > ? and reason like 'answer to an erasure%'", String.class, before);
    }

    @Test
    void aCustomerWhoAnswersTheConfirmationFromTheirOwnAddressIsErasedAndTheTokenWorksOnce() throws Exception {
        String customer = "greta.asks@example.com";
        String confirmation = askToBeErased(customer, "Löschen Sie meine Daten!");
        assertThat(confirmation).matches("support\\+erase-[0-9a-f]{32}@helpdesk\\.test");

        send(customer, confirmation, mail(customer, confirmation, "Re: Confirm the erasure of your data", "Yes, erase it."));
        RunningPostdesk.eventually("the erasure done", () -> "done".equals(status(customer)));
        server.awaitSettled();
        assertThat(server.jdbc.queryForObject("select count(*) from tickets where customer = ?", Integer.class, customer)).isZero();
        assertThat(server.jdbc.queryForObject("select count(*) from dropped where lower(from_address) = ?", Integer.class, customer))
                .as("the request and the answer went with the rest").isZero();

        assertThat(answer(customer, confirmation)).as("a token works once").endsWith("used");
    }

    @Test
    void aForgedTokenDoesNothing() throws Exception {
        String customer = "hans.forged@example.com";
        askToBeErased(customer, "Delete my data");
        assertThat(answer(customer, "support+erase-" + "0123456789abcdef".repeat(2) + "@helpdesk.test")).endsWith("unknown");
        assertThat(status(customer)).isEqualTo("awaiting-confirmation");
        assertThat(server.jdbc.queryForObject("select count(*) from tickets where customer = ?", Integer.class, customer)).isEqualTo(1);
    }

    @Test
    void anAnswerFromSomeoneElseDoesNothing() throws Exception {
        String customer = "ilse.targeted@example.com";
        String confirmation = askToBeErased(customer, "usuń moje dane");
        assertThat(answer("mallory@attacker.example", confirmation)).endsWith("wrong sender");
        assertThat(status(customer)).isEqualTo("awaiting-confirmation");
        assertThat(server.jdbc.queryForObject("select count(*) from tickets where customer = ?", Integer.class, customer)).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: its retention run forgets every expired request
    void anExpiredTokenDoesNothingAndItsRequestIsForgotten() throws Exception {
        String customer = "juho.late@example.com";
        String confirmation = askToBeErased(customer, "Poista tietoni");
        MovedClock.move(Duration.ofDays(8));
        try {
            assertThat(answer(customer, confirmation)).endsWith("expired");
        } finally {
            MovedClock.move(Duration.ofDays(-8));
        }
        assertThat(status(customer)).isEqualTo("awaiting-confirmation");
        assertThat(server.jdbc.queryForObject("select count(*) from tickets where customer = ?", Integer.class, customer)).isEqualTo(1);
        MovedClock.move(Duration.ofDays(8));
        try {
            server.officer("POST", "/privacy/retention/runs", null, 201);
        } finally {
            MovedClock.move(Duration.ofDays(-8));
        }
        assertThat(server.jdbc.queryForObject("select count(*) from erasure_requests where subject_hashes = ?", Integer.class,
                server.context.getBean(eu.postdesk.privacy.Erasure.class).subjectHash(customer))).as("an expired request, with its address, is forgotten").isZero();
    }

    @Test
    void aQuestionAboutDeletingDataIsATicketNotARequest() throws Exception {
        String customer = "kai.asks@example.com";
        server.deliver(customer, mail(customer, PrivacyServer.SUPPORT, "How do I delete my data in the app?", "Where is the button?"));
        server.awaitSettled();
        assertThat(server.jdbc.queryForObject("select count(*) from tickets where customer = ?", Integer.class, customer)).isEqualTo(1);
        assertThat(server.jdbc.queryForObject("select count(*) from erasure_requests where subject_hashes = ?", Integer.class,
                server.context.getBean(eu.postdesk.privacy.Erasure.class).subjectHash(customer))).isZero();
    }
}
