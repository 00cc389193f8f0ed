package eu.postdesk.agents;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;

/** A team that forwards notifications among its agents ({@code postdesk.agents-may-forward}): another agent may answer at a colleague's reply address. */
class ForwardedNotificationTest extends RunningPostdesk {

    @DynamicPropertySource
    static void forwarding(DynamicPropertyRegistry registry) {
        registry.add("postdesk.agents-may-forward", () -> true);
    }

    @Test
    void anotherAgentsAnswerAtAForwardedReplyAddressIsRelayed() throws Exception {
        String customer = "forwarded@school.example";
        deliver(customer, SUPPORT, mail(customer, "Forward me", "Please have a colleague look at this."));
        eventually("agent1's notification", () -> relayedTo(AGENT1).stream().anyMatch(m -> mentions(m, customer)));
        MimeMessage notification = relayedTo(AGENT1).stream().filter(m -> mentions(m, customer)).findFirst().orElseThrow();
        String agent1s = ((InternetAddress) notification.getReplyTo()[0]).getAddress();
        eventually("the acknowledgement", () -> relayedTo(customer).size() == 1);

        deliver(AGENT2, agent1s, "From: Agent Two <" + AGENT2 + ">\r\nTo: " + agent1s + "\r\nSubject: Re: Forward me\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@corp.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Agent one forwarded this to me: fixed.\r\n");

        eventually("the answer relayed to the customer", () -> relayedTo(customer).size() == 2);
        assertThat(String.valueOf(relayedTo(customer).get(1).getContent())).contains("fixed.").doesNotContain(AGENT2);
    }

    @Test
    void aNonAgentStillCannotAnswerWhenForwardingIsAllowed() throws Exception {
        String customer = "forwarded-outsider@school.example";
        deliver(customer, SUPPORT, mail(customer, "Outsider", "Hello."));
        eventually("agent1's notification", () -> relayedTo(AGENT1).stream().anyMatch(m -> mentions(m, customer)));
        MimeMessage notification = relayedTo(AGENT1).stream().filter(m -> mentions(m, customer)).findFirst().orElseThrow();
        String agent1s = ((InternetAddress) notification.getReplyTo()[0]).getAddress();
        long number = ticketsOf(customer).get(0).get("number").asLong();

        deliver("colleague@corp.test", agent1s, "From: <colleague@corp.test>\r\nTo: " + agent1s + "\r\nSubject: Re: Outsider\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nI am not an agent.\r\n");
        awaitSpoolSettled();

        assertThat(api("/dropped").valueStream().map(d -> d.get("reason").asString()))
                .anyMatch(r -> r.contains("ticket " + number + " from a non-agent"));
        assertThat(ticket(number).get("messageCount").asInt()).isEqualTo(1);
    }

    private static boolean mentions(MimeMessage message, String text) {
        try {
            return String.valueOf(message.getContent()).contains(text);
        } catch (Exception e) {
            return false;
        }
    }
}
