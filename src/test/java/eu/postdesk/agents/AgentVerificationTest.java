package eu.postdesk.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;
import eu.postdesk.SmtpConversation;
import eu.postdesk.authentication.DnsRecords;
import eu.postdesk.authentication.TestDns;
import eu.postdesk.ingress.SubmissionListener;
import tools.jackson.databind.JsonNode;

/**
 * Only real agents speak for the team, end to end: customer mail in over SMTP, the agent's
 * notification out through the relay, the agent's answer back to its reply address (or through
 * the submission listener), and what reaches the customer. corp.test is a token+dkim domain here,
 * its key published in DNS the test controls; tokenonly.test is a token-only domain.
 */
class AgentVerificationTest extends RunningPostdesk {
    static final String AGENT3 = "agent3@tokenonly.test";
    static final String PASSWORD = "agent-one-submission-secret";
    static final TestDns dns = new TestDns();
    static final TestDkimKey corpKey = new TestDkimKey(dns, "corp.test");
    static final MovableClock clock = new MovableClock();

    @DynamicPropertySource
    static void verification(DynamicPropertyRegistry registry) {
        registry.add("postdesk.agent-verification[corp.test]", () -> "token+dkim");
        registry.add("postdesk.agents[2].address", () -> AGENT3);
        registry.add("postdesk.agents[2].name", () -> "Agent Three");
        registry.add("postdesk.agent-verification[tokenonly.test]", () -> "token-only");
        registry.add("postdesk.trusted-authserv-ids", () -> "postdesk,mx1.helpdesk.test");
        registry.add("postdesk.submission.port", () -> 0);
        registry.add("postdesk.agents[0].submission-password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
    }

    @TestConfiguration
    static class ControlledDnsAndTime {
        @Bean
        @Primary
        DnsRecords controlledDns() {
            return dns;
        }

        @Bean
        @Primary
        Clock movableClock() {
            return clock;
        }
    }

    @Autowired
    SubmissionListener submission;

    @Test
    void anAnswerSignedWithTheAgentsDomainKeyIsRelayed() throws Exception {
        Ticket ticket = newTicket("dkim-pass@school.example");
        String reply = corpKey.sign(answer(AGENT1, ticket.replyAddressOf(AGENT1), "We fixed the schedule."), "corp.test");

        deliver(AGENT1, ticket.replyAddressOf(AGENT1), reply);

        eventually("the answer relayed to the customer", () -> relayedTo(ticket.customer).size() == 1);
        assertThat(String.valueOf(relayedTo(ticket.customer).get(0).getContent())).contains("We fixed the schedule.");
    }

    @Test
    void anAnswerWhoseSignatureNoLongerVerifiesIsNotRelayed() throws Exception {
        Ticket ticket = newTicket("dkim-fail@school.example");
        String signed = corpKey.sign(answer(AGENT1, ticket.replyAddressOf(AGENT1), "We fixed the schedule."), "corp.test");
        String altered = signed.replace("We fixed the schedule.", "Please wire the money to our new account.");

        deliver(AGENT1, ticket.replyAddressOf(AGENT1), altered);

        assertRefused(ticket, "not authenticated for corp.test");
    }

    @Test
    void aForgedFromOfARealAgentWithAValidReplyAddressButNoSignatureIsNotRelayed() throws Exception {
        Ticket ticket = newTicket("dkim-missing@school.example");

        deliver(AGENT1, ticket.replyAddressOf(AGENT1), answer(AGENT1, ticket.replyAddressOf(AGENT1), "Send us your password."));

        assertRefused(ticket, "not authenticated for corp.test");
    }

    @Test
    void aSignatureOfAnotherDomainDoesNotAuthenticateTheAgent() throws Exception {
        TestDkimKey other = new TestDkimKey(dns, "evil.example");
        Ticket ticket = newTicket("other-domain@school.example");

        deliver(AGENT1, ticket.replyAddressOf(AGENT1), other.sign(answer(AGENT1, ticket.replyAddressOf(AGENT1), "Hello."), "evil.example"));

        assertRefused(ticket, "not authenticated for corp.test");
    }

    @Test
    void aStolenReplyAddressUsedByAnotherAgentIsNotRelayedEvenWhenSigned() throws Exception {
        Ticket ticket = newTicket("stolen@school.example");
        String agent1s = ticket.replyAddressOf(AGENT1);

        deliver(AGENT2, agent1s, corpKey.sign(answer(AGENT2, agent1s, "I answer on agent1's notification."), "corp.test"));

        assertRefused(ticket, "another agent than the one its reply address was made for");
    }

    @Test
    void aNonAgentAtAnAgentsReplyAddressIsNotRelayed() throws Exception {
        Ticket ticket = newTicket("non-agent@school.example");

        deliver("mallory@evil.example", ticket.replyAddressOf(AGENT1), answer("mallory@evil.example", ticket.replyAddressOf(AGENT1), "Hi."));

        assertRefused(ticket, "non-agent");
    }

    @Test
    void aDkimPassFromATrustedAuthservIdAuthenticatesTheAgent() throws Exception {
        Ticket ticket = newTicket("trusted-ar@school.example");
        String address = ticket.replyAddressOf(AGENT1);

        deliver(AGENT1, address, "Authentication-Results: mx1.helpdesk.test; spf=pass smtp.mailfrom=corp.test;\r\n"
                + "\tdkim=pass (2048-bit key) header.d=corp.test header.s=test2026\r\n" + answer(AGENT1, address, "Checked by our MX."));

        eventually("the answer relayed to the customer", () -> relayedTo(ticket.customer).size() == 1);
    }

    @Test
    void aDmarcPassFromATrustedAuthservIdAuthenticatesTheAgent() throws Exception {
        Ticket ticket = newTicket("trusted-dmarc@school.example");
        String address = ticket.replyAddressOf(AGENT1);

        deliver(AGENT1, address, "Authentication-Results: mx1.helpdesk.test; dmarc=pass header.from=corp.test\r\n"
                + answer(AGENT1, address, "DMARC says so."));

        eventually("the answer relayed to the customer", () -> relayedTo(ticket.customer).size() == 1);
    }

    @Test
    void authenticationResultsFromAnUntrustedAuthservIdAreIgnored() throws Exception {
        Ticket ticket = newTicket("untrusted-ar@school.example");
        String address = ticket.replyAddressOf(AGENT1);

        deliver(AGENT1, address, "Authentication-Results: mx.evil.example; dkim=pass header.d=corp.test; dmarc=pass header.from=corp.test\r\n"
                + answer(AGENT1, address, "Trust me."));

        assertRefused(ticket, "not authenticated for corp.test");
    }

    @Test
    void aTrustedDkimPassForAnotherDomainDoesNotAuthenticateTheAgent() throws Exception {
        Ticket ticket = newTicket("trusted-other@school.example");
        String address = ticket.replyAddressOf(AGENT1);

        deliver(AGENT1, address, "Authentication-Results: mx1.helpdesk.test; dkim=pass header.d=evil.example\r\n"
                + answer(AGENT1, address, "Signed by someone."));

        assertRefused(ticket, "not authenticated for corp.test");
    }

    @Test
    void anAgentOfATokenOnlyDomainIsTakenOnTheTokenAndFromAlone() throws Exception {
        Ticket ticket = newTicket("token-only@school.example");

        deliver(AGENT3, ticket.replyAddressOf(AGENT3), answer(AGENT3, ticket.replyAddressOf(AGENT3), "Token only."));

        eventually("the answer relayed to the customer", () -> relayedTo(ticket.customer).size() == 1);
    }

    @Test
    void anAnswerSubmittedWithAuthOverStartTlsIsRelayed() throws Exception {
        Ticket ticket = newTicket("submitted@school.example");
        String address = ticket.replyAddressOf(AGENT1);

        submit(AGENT1, PASSWORD, address, answer(AGENT1, address, "Sent through submission."));

        eventually("the answer relayed to the customer", () -> relayedTo(ticket.customer).size() == 1);
        assertThat(String.valueOf(relayedTo(ticket.customer).get(0).getContent())).contains("Sent through submission.");
    }

    @Test
    void submissionAuthenticatedAsOneAgentDoesNotAuthenticateAnotherAgentsFrom() throws Exception {
        Ticket ticket = newTicket("submitted-other@school.example");
        String address = ticket.replyAddressOf(AGENT2);

        submit(AGENT1, PASSWORD, address, answer(AGENT2, address, "agent1 logged in, From says agent2."));

        assertRefused(ticket, "not authenticated for corp.test");
    }

    @Test
    void submissionWithoutAuthIsRefusedWith530() throws Exception {
        Ticket ticket = newTicket("no-auth@school.example");
        String address = ticket.replyAddressOf(AGENT1);

        assertThatThrownBy(() -> submit(null, null, address, answer(AGENT1, address, "No AUTH.")))
                .hasMessageContaining("530");
    }

    @Test
    void submissionWithAWrongPasswordIsRefused() throws Exception {
        Ticket ticket = newTicket("wrong-password@school.example");
        String address = ticket.replyAddressOf(AGENT1);

        assertThatThrownBy(() -> submit(AGENT1, "not-the-password", address, answer(AGENT1, address, "Wrong password.")))
                .isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
    }

    @Test
    void authBeforeStartTlsIsRefusedWith530() throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("\0" + AGENT1 + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", submission.port().orElseThrow())) {
            smtp.expect("220");
            assertThat(smtp.command("EHLO client.example").expect("250")).contains("STARTTLS").doesNotContain("AUTH");
            smtp.command("AUTH PLAIN " + credentials).expect("530");
            smtp.command("MAIL FROM:<" + AGENT1 + ">").expect("530");
        }
    }

    @Test
    void aRefusedAnswerIsKeptSealedForThePrivacyOfficerOnly() throws Exception {
        Ticket ticket = newTicket("sealed@school.example");
        deliver(AGENT1, ticket.replyAddressOf(AGENT1), answer(AGENT1, ticket.replyAddressOf(AGENT1), "Evidence of the forgery."));
        assertRefused(ticket, "not authenticated");
        JsonNode dropped = api("/dropped").valueStream().filter(d -> d.get("reason").asString().contains("ticket " + ticket.number + " "))
                .reduce((a, b) -> b).orElseThrow();
        long spoolId = jdbc.queryForObject("select spool_id from dropped where id = ?", Long.class, dropped.get("id").asLong());
        assertThat(jdbc.queryForObject("select sealed_for from spool where id = ?", String.class, spoolId)).isNotNull();

        String path = "/dropped/" + dropped.get("id").asLong() + "/original?reason=investigating%20a%20forged%20answer";
        assertThat(call(path, ADMIN_TOKEN).statusCode()).isEqualTo(403);
        var opened = call(path, PRIVACY_OFFICER_TOKEN);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("Evidence of the forgery.");
        assertThat(api("/tickets/" + ticket.number).get("messageCount").asInt()).isEqualTo(1);
    }

    @Test
    void theRealAgentIsToldAtMostOnceAnHour() throws Exception {
        clock.advance(Duration.ofHours(2)); // whatever earlier tests told agent1 is over an hour ago
        Ticket ticket = newTicket("notices@school.example");
        String address = ticket.replyAddressOf(AGENT1);
        int before = noticesTo(AGENT1);

        deliver(AGENT1, address, answer(AGENT1, address, "Forgery one."));
        assertRefused(ticket, "not authenticated");
        assertThat(noticesTo(AGENT1)).isEqualTo(before + 1);

        deliver(AGENT1, address, answer(AGENT1, address, "Forgery two, ten minutes later."));
        assertRefused(ticket, "not authenticated", 2);
        assertThat(noticesTo(AGENT1)).as("a second refusal within the hour").isEqualTo(before + 1);

        clock.advance(Duration.ofMinutes(61));
        deliver(AGENT1, address, answer(AGENT1, address, "Forgery three, an hour later."));
        assertRefused(ticket, "not authenticated", 3);
        assertThat(noticesTo(AGENT1)).isEqualTo(before + 2);

        eventually("the notice in the agent's mailbox", () -> relayedTo(AGENT1).stream().anyMatch(m -> subject(m).contains("was not relayed")));
        MimeMessage notice = relayedTo(AGENT1).stream().filter(m -> subject(m).contains("was not relayed")).findFirst().orElseThrow();
        assertThat(String.valueOf(notice.getContent())).contains("[#" + ticket.number + "]").doesNotContain("Forgery");
    }

    // --- the helpdesk around the tests

    /** A customer's new ticket, with the notifications each agent received. */
    record Ticket(String customer, long number, List<MimeMessage> notifications) {
        String replyAddressOf(String agent) {
            return notifications.stream().filter(n -> to(n).equals(agent)).map(n -> {
                try {
                    return ((InternetAddress) n.getReplyTo()[0]).getAddress();
                } catch (jakarta.mail.MessagingException e) {
                    throw new AssertionError(e);
                }
            }).findFirst().orElseThrow(() -> new AssertionError("no notification to " + agent));
        }
    }

    private Ticket newTicket(String customer) throws Exception {
        deliver(customer, SUPPORT, mail(customer, "Schedule wrong", "The schedule shows the wrong teacher."));
        eventually("the ticket", () -> !ticketsOf(customer).isEmpty());
        long number = ticketsOf(customer).get(0).get("number").asLong();
        eventually("a notification to each agent", () -> notificationsOf(number).size() == 3);
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);
        relay.purgeEmailFromAllMailboxes();
        return new Ticket(customer, number, notificationsSeen);
    }

    private List<MimeMessage> notificationsSeen = List.of();

    private List<MimeMessage> notificationsOf(long number) {
        notificationsSeen = java.util.Arrays.stream(relay.getReceivedMessages())
                .filter(m -> subject(m).startsWith("[#" + number + "]") && !to(m).endsWith("@school.example")).toList();
        return notificationsSeen;
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static String to(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress().toLowerCase();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static String answer(String from, String to, String body) {
        return "From: Agent <" + from + ">\r\nTo: " + to + "\r\nSubject: Re: Schedule wrong\r\nMessage-ID: <" + UUID.randomUUID()
                + "@corp.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    private void assertRefused(Ticket ticket, String reason) {
        assertRefused(ticket, reason, 1);
    }

    /** The answer was refused for this reason: dropped and recorded on the ticket, nothing queued for the customer, the ticket unchanged. */
    private void assertRefused(Ticket ticket, String reason, int times) {
        awaitSpoolSettled();
        List<String> reasons = api("/dropped").valueStream().map(d -> d.get("reason").asString())
                .filter(r -> r.contains("ticket " + ticket.number + " ")).toList();
        assertThat(reasons).hasSize(times).allMatch(r -> r.contains(reason) && r.contains("not relayed"));
        assertThat(api("/outbox").valueStream().filter(e -> e.get("to").asString().equals(ticket.customer)).count())
                .as("mail queued for the customer: only the acknowledgement").isEqualTo(1);
        JsonNode stored = api("/tickets/" + ticket.number);
        assertThat(stored.get("messageCount").asInt()).isEqualTo(1);
        assertThat(stored.get("events").valueStream().filter(e -> e.get("kind").asString().equals("rejected-answer")).count()).isEqualTo(times);
    }

    private int noticesTo(String agent) {
        return jdbc.queryForObject("select count(*) from outbox where kind = 'agent-notice' and recipient = ?", Integer.class, agent);
    }

    /** Sends over the submission listener with STARTTLS (the self-signed certificate trusted), and AUTH when a user is given. */
    private void submit(String user, String password, String to, String raw) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(submission.port().orElseThrow()));
        properties.put("mail.smtp.localhost", "client.example");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.auth", String.valueOf(user != null));
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        try (Transport transport = session.getTransport("smtp")) {
            if (user == null) {
                transport.connect();
            } else {
                transport.connect(user, password);
            }
            transport.sendMessage(message, new Address[] {new InternetAddress(to)});
        }
    }
}
