package eu.postdesk.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import eu.postdesk.RunningPostdesk;
import eu.postdesk.SmtpConversation;

/**
 * The same bytes delivered twice are spooled once, although the SMTP server puts a Received line
 * with the time and its session on top of each copy; different bytes are two messages.
 */
class SpoolDedupeTest extends RunningPostdesk {
    @Test
    void theSameBytesDeliveredTwiceOverSmtpAreSpooledOnce() throws Exception {
        String raw = mail("twice@customer.example", "Sent twice by a retrying client", "The client did not see our 250.");
        int spooledBefore = spooled();

        String first = queuedAs(raw);
        String second = queuedAs(raw);

        assertThat(second).as("the second delivery names the spool entry of the first").isEqualTo(first);
        assertThat(spooled()).isEqualTo(spooledBefore + 1);
        awaitSpoolSettled();
        assertThat(ticketsOf("twice@customer.example")).hasSize(1);
    }

    @Test
    void differentBytesAreTwoSpoolEntries() throws Exception {
        String raw = mail("two@customer.example", "Two messages", "One.");
        int spooledBefore = spooled();

        String first = queuedAs(raw);
        String second = queuedAs(raw.replace("One.", "Two."));

        assertThat(second).isNotEqualTo(first);
        assertThat(spooled()).isEqualTo(spooledBefore + 2);
    }

    private int spooled() {
        return jdbc.queryForObject("select count(*) from spool", Integer.class);
    }

    /** Delivers the message over SMTP and returns the spool id from the 250 reply ("Queued as N"). */
    private String queuedAs(String raw) throws IOException {
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            smtp.command("EHLO test.example").expect("250");
            smtp.command("MAIL FROM:<customer@customer.example>").expect("250");
            smtp.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            smtp.command("DATA").expect("354");
            String reply = smtp.data(raw.getBytes(StandardCharsets.UTF_8)).expect("250");
            smtp.command("QUIT");
            return reply.substring(reply.indexOf("Queued as")).strip();
        }
    }
}
