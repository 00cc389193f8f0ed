package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class AgentAnswerTest extends RunningPostdesk {

    private String replyAddressOfNewTicket(String customer) throws Exception {
        deliver(customer, SUPPORT, mail(customer, "Schedule wrong", "The schedule shows the wrong teacher on Tuesdays."));
        eventually("the notification", () -> relayedTo(AGENT1).stream().anyMatch(m -> mentions(m, customer)));
        MimeMessage notification = relayedTo(AGENT1).stream().filter(m -> mentions(m, customer)).findFirst().orElseThrow();
        return ((InternetAddress) notification.getReplyTo()[0]).getAddress();
    }

    private static boolean mentions(MimeMessage message, String text) {
        try {
            return String.valueOf(message.getContent()).contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    private static String answer(String from, String to, String body) {
        return "From: Agent <" + from + ">\r\nTo: " + to + "\r\nSubject: Re: schedule\r\nMessage-ID: <" + java.util.UUID.randomUUID()
                + "@corp.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    @Test
    void anAgentsAnswerIsRelayedFromTheSupportAddressWithoutTheQuotedNotification() throws Exception {
        String customer = "elsa@school.example";
        String replyAddress = replyAddressOfNewTicket(customer);
        long number = ticketsOf(customer).get(0).get("number").asLong();
        int before = relayedTo(customer).size();

        deliver(AGENT1, replyAddress, answer(AGENT1, replyAddress,
                "Hi Elsa, we fixed the schedule.\r\n\r\nRegards, Agent One (" + AGENT1 + ")\r\n\r\n"
                        + "On Wed, 12 Mar 2025 at 10:04, Helpdesk <support@helpdesk.test> wrote:\r\n> Internal note: premium customer\r\n"));

        eventually("the relay to the customer", () -> relayedTo(customer).size() == before + 1);
        MimeMessage relayed = relayedTo(customer).get(before);
        assertThat(((InternetAddress) relayed.getFrom()[0]).getAddress()).isEqualTo(SUPPORT);
        assertThat(relayed.getHeader("X-Loop", null)).isEqualTo(SUPPORT);
        assertThat(relayed.getSubject()).contains("[#" + number + "]");
        assertThat(relayed.getHeader("In-Reply-To", null)).isNotNull();
        String body = String.valueOf(relayed.getContent());
        assertThat(body).contains("we fixed the schedule").doesNotContain(AGENT1).doesNotContain("Internal note");
        var raw = new java.io.ByteArrayOutputStream();
        relayed.writeTo(raw);
        assertThat(raw.toString()).doesNotContain(AGENT1);

        eventually("the answer on the ticket", () -> ticket(number).get("messageCount").asInt() == 2);
        assertThat(ticket(number).get("messages").get(1).get("direction").asString()).isEqualTo("outbound");
    }

    @Test
    void aContactFormVisitorGetsTheAcknowledgementAndTheAnswersAtTheReplyToAddress() throws Exception {
        String form = "noreply@contact-form.example";
        String visitor = "visitor@people.example";
        deliver(form, SUPPORT, mail(form, "Question from the web site", "Do you ship to Norway?", "Reply-To: Visitor <" + visitor + ">"));
        eventually("the acknowledgement to the visitor", () -> relayedTo(visitor).size() == 1);
        eventually("the notification", () -> relayedTo(AGENT1).stream().anyMatch(m -> mentions(m, form)));
        MimeMessage notification = relayedTo(AGENT1).stream().filter(m -> mentions(m, form)).findFirst().orElseThrow();
        String replyAddress = ((InternetAddress) notification.getReplyTo()[0]).getAddress();

        deliver(AGENT1, replyAddress, answer(AGENT1, replyAddress, "Yes, we ship to Norway."));

        eventually("the answer relayed to the visitor", () -> relayedTo(visitor).size() == 2);
        assertThat(String.valueOf(relayedTo(visitor).get(1).getContent())).contains("we ship to Norway");
        assertThat(relayedTo(form)).isEmpty();
    }

    @Test
    void anAnswerFromSomeoneWhoIsNotAnAgentIsNotRelayedAndIsRecordedAsRejected() throws Exception {
        String customer = "petri@pipes.example";
        String replyAddress = replyAddressOfNewTicket(customer);
        long number = ticketsOf(customer).get(0).get("number").asLong();
        int before = relayedTo(customer).size();

        deliver("colleague@corp.test", replyAddress, answer("colleague@corp.test", replyAddress, "Try reinstalling."));
        awaitSpoolSettled();

        assertThat(relayedTo(customer)).hasSize(before);
        assertThat(ticket(number).get("messageCount").asInt()).isEqualTo(1);
        assertThat(ticket(number).get("events").valueStream().map(e -> e.get("kind").asString())).contains("rejected-answer");
        assertThat(api("/dropped").valueStream().map(d -> d.get("reason").asString()))
                .anyMatch(reason -> reason.contains("non-agent") && reason.contains(Long.toString(number)));
    }

    @Test
    void aForgedReplyAddressIsRefusedAtTheDoor() throws Exception {
        String customer = "olga@forge.example";
        String replyAddress = replyAddressOfNewTicket(customer);
        String forged = replyAddress.replaceFirst("-[0-9a-f]{12}@", "-000000000000@");
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            smtp.command("EHLO test").expect("250");
            smtp.command("MAIL FROM:<" + AGENT1 + ">").expect("250");
            smtp.command("RCPT TO:<" + forged + ">").expect("550");
        }
    }
}
