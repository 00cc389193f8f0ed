package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.pipeline.RealRspamd;

/**
 * A spam filter that is down makes customer mail wait in the spool, not in a pipeline worker: with
 * a single worker, an agent's answer (which the filter is never asked about) is still relayed while
 * a customer's mail waits, and the waiting mail is filed once the filter is back, its waits not
 * counted as failed attempts.
 */
class SpamFilterDownTest extends RunningPostdesk {
    static final RealRspamd rspamd = RealRspamd.installed() ? startAnother() : null;

    private static RealRspamd startAnother() {
        try {
            return new RealRspamd();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void oneWorkerAndALongWait(DynamicPropertyRegistry registry) {
        if (rspamd == null) {
            return;
        }
        registry.add("postdesk.spam.rspamd-url", () -> rspamd.url().toString());
        registry.add("postdesk.spam.pass-unchecked-after", () -> "10m");
        registry.add("postdesk.pipeline.workers", () -> "1");
        registry.add("postdesk.pipeline.max-attempts", () -> "2");
    }

    @AfterAll
    static void stopRspamd() throws InterruptedException {
        if (rspamd != null) {
            rspamd.stop();
        }
    }

    @Test
    void aCustomerMailWaitingForTheFilterHoldsNoWorker() throws Exception {
        assumeTrue(rspamd != null, "the spam tests need the Debian package rspamd");
        String customer = "elsa@school.example";
        deliver(customer, SUPPORT, mail(customer, "Schedule wrong", "The schedule shows the wrong teacher on Tuesdays."));
        eventually("the notification", () -> relayedTo(AGENT1).size() == 1);
        MimeMessage notification = relayedTo(AGENT1).get(0);
        String replyAddress = ((InternetAddress) notification.getReplyTo()[0]).getAddress();

        rspamd.stop();
        String waiting = "olaf@down.example";
        deliver(waiting, SUPPORT, mail(waiting, "Printer jam", "The printer on floor 2 jams every morning."));
        eventually("the customer mail waiting for the filter", () -> jdbc.queryForObject(
                "select count(*) from spool where envelope_from = ? and state = 'pending'", Integer.class, waiting) == 1);

        deliver(AGENT1, replyAddress, "From: Agent <" + AGENT1 + ">\r\nTo: " + replyAddress + "\r\nSubject: Re: schedule\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@corp.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Hi Elsa, we fixed the schedule.\r\n");
        eventually("the agent's answer relayed while the customer mail waits", () -> relayedTo(customer).size() == 2, Duration.ofSeconds(60));
        assertThat(ticketsOf(waiting)).isEmpty();

        rspamd.start();
        eventually("the waiting mail filed once the filter is back", () -> ticketsOf(waiting).size() == 1, Duration.ofSeconds(120));
        // its waits were not counted as failed attempts (postdesk.pipeline.max-attempts is 2): never quarantined
        assertThat(api("/quarantine").valueStream().map(q -> q.get("from").asString())).doesNotContain(waiting);
    }
}
