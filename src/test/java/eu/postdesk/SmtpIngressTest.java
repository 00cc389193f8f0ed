package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {
        "postdesk.smtp.max-message-size=64KB",
        "postdesk.smtp.max-connections=3",
        "postdesk.smtp.idle-timeout=2s"})
class SmtpIngressTest extends RunningPostdesk {

    @Test
    void recipientsOutsideTheSupportAndReplyAddressesAreRefusedSoThatWeAreNoOpenRelay() throws Exception {
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            smtp.command("EHLO test").expect("250");
            smtp.command("MAIL FROM:<spammer@example.test>").expect("250");
            assertThat(smtp.command("RCPT TO:<victim@elsewhere.example>").expect("550")).contains("no such mailbox");
            smtp.command("RCPT TO:<" + SUPPORT + ">").expect("250");
        }
    }

    @Test
    void aMessageOverTheSizeLimitGetsACleanFiveFiveTwoAndTheSessionGoesOn() throws Exception {
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            smtp.command("EHLO test").expect("250");
            smtp.command("MAIL FROM:<big@example.test>").expect("250");
            smtp.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            smtp.command("DATA").expect("354");
            String line = "x".repeat(998) + "\r\n";
            assertThat(smtp.data(("Subject: big\r\n\r\n" + line.repeat(200)).getBytes()).expect("552")).contains("too big");
            smtp.command("RSET").expect("250");
            smtp.command("NOOP").expect("250");
        }
        awaitSpoolSettled();
        assertThat(ticketsOf("big@example.test")).isEmpty();
    }

    @Test
    void connectionsBeyondTheLimitAreTurnedAway() throws Exception {
        List<SmtpConversation> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                SmtpConversation smtp = smtp();
                smtp.expect("220");
                open.add(smtp);
            }
            try (SmtpConversation oneTooMany = smtp()) {
                assertThat(oneTooMany.reply()).startsWith("421");
            }
        } finally {
            for (SmtpConversation smtp : open) {
                smtp.close();
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeout() throws Exception {
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            Thread.sleep(3_000);
            String reply = smtp.reply();
            assertThat(reply.isEmpty() || reply.startsWith("421")).as("idle session closed, got: " + reply).isTrue();
        }
    }
}
