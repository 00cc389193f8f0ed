package eu.postdesk.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.RunningPostdesk;

/**
 * Every message in a polled mailbox becomes exactly one ticket: over a thousand messages each, with
 * the IMAP connection cut in the middle of a response and the IMAP server replaced by one with a new
 * UIDVALIDITY that holds the same messages, and with the POP3 session cut in the middle of a RETR.
 * Counted against what was delivered: none lost, none twice.
 */
class MailboxImportTest extends RunningPostdesk {
    private static final String PASSWORD = "imap-Secret-Pa55word-7731";

    private static GreenMail imapServer = server(ServerSetupTest.IMAP.dynamicPort());
    private static final GreenMail pop3Server = server(ServerSetupTest.POP3.dynamicPort());
    private static final CuttableLink imapLink = link(imapServer.getImap().getPort());
    private static final CuttableLink pop3Link = link(pop3Server.getPop3().getPort());

    @DynamicPropertySource
    static void mailboxes(DynamicPropertyRegistry registry) {
        mailbox(registry, 0, "imap-keep", "imap", imapLink.port(), "keep");
        mailbox(registry, 1, "pop3-delete", "pop3", pop3Link.port(), "delete");
        registry.add("postdesk.acknowledgement.max-per-hour", () -> 0);
    }

    static void mailbox(DynamicPropertyRegistry registry, int i, String name, String protocol, int port, String afterImport) {
        String at = "postdesk.mailboxes[" + i + "].";
        registry.add(at + "name", () -> name);
        registry.add(at + "protocol", () -> protocol);
        registry.add(at + "host", () -> "127.0.0.1");
        registry.add(at + "port", () -> port);
        registry.add(at + "security", () -> "none");
        registry.add(at + "username", () -> name);
        registry.add(at + "password", () -> PASSWORD);
        registry.add(at + "after-import", () -> afterImport);
        registry.add(at + "poll-interval", () -> "300ms");
        registry.add(at + "timeout", () -> "30s");
    }

    @AfterAll
    static void stopServers() throws Exception {
        imapLink.close();
        pop3Link.close();
        imapServer.stop();
        pop3Server.stop();
    }

    @Test
    void imapImportsEachOfAThousandMessagesOnceThroughACutConnectionAndANewUidValidity() throws Exception {
        List<byte[]> mails = mails("keep", 1000);
        GreenMailUser user = imapServer.getUserManager().getUserByEmail("imap-keep@provider.test");
        mails.subList(0, 600).forEach(raw -> deliver(user, raw));

        eventually("100 messages imported", () -> imported("imap-keep") >= 100, Duration.ofMinutes(2));
        imapLink.cutAfter(20_000);
        eventually("the connection cut in the middle of a response", () -> imapLink.cuts() == 1);
        long beforeCut = imported("imap-keep");
        eventually("the import resumed over a new connection", () -> imported("imap-keep") > beforeCut + 50, Duration.ofMinutes(2));

        // the server is replaced: the same 600 messages under new UIDs and a new UIDVALIDITY, 400 more arrive
        long oldValidity = validity(imapServer, "imap-keep@provider.test");
        while (Instant.now().getEpochSecond() == oldValidity) {
            Thread.sleep(20); // GreenMail's UIDVALIDITY is the second its folder was made
        }
        GreenMail replacement = server(ServerSetupTest.IMAP.dynamicPort());
        GreenMailUser again = replacement.getUserManager().getUserByEmail("imap-keep@provider.test");
        mails.forEach(raw -> deliver(again, raw));
        assertThat(validity(replacement, "imap-keep@provider.test")).isNotEqualTo(oldValidity);
        imapLink.retarget(replacement.getImap().getPort());
        GreenMail old = imapServer;
        imapServer = replacement;
        old.stop();

        String newValidity = Long.toString(validity(replacement, "imap-keep@provider.test"));
        eventually("every message of the new UIDVALIDITY recorded", () -> jdbc.queryForObject(
                "select count(*) from mailbox_imports where mailbox = 'imap-keep' and folder_key = ?", Long.class, newValidity) == 1000,
                Duration.ofMinutes(5));
        awaitSpoolSettled();
        assertThat(ticketSubjects("keep")).hasSize(1000).containsExactlyInAnyOrderElementsOf(subjects("keep", 1000));
        assertThat(jdbc.queryForObject("select count(*) from messages where subject like 'keep %'", Long.class)).isEqualTo(1000);
        assertThat(jdbc.queryForObject("select count(distinct spool_id) from messages where subject like 'keep %'", Long.class))
                .as("one spooled message each").isEqualTo(1000);
        assertThat(replacement.getReceivedMessages()).as("keep leaves every message on the server").hasSize(1000);
    }

    @Test
    void pop3ImportsEachOfAThousandMessagesOnceThroughACutSessionAndDeletesThem() throws Exception {
        List<byte[]> mails = mails("pop", 1000);
        GreenMailUser user = pop3Server.getUserManager().getUserByEmail("pop3-delete@provider.test");
        mails.forEach(raw -> deliver(user, raw));

        eventually("100 messages imported", () -> imported("pop3-delete") >= 100, Duration.ofMinutes(2));
        pop3Link.cutAfter(30_000);
        eventually("the session cut in the middle of a RETR", () -> pop3Link.cuts() == 1);

        eventually("the mailbox emptied", () -> pop3Server.getReceivedMessages().length == 0, Duration.ofMinutes(5));
        awaitSpoolSettled();
        assertThat(imported("pop3-delete")).isEqualTo(1000);
        assertThat(ticketSubjects("pop")).hasSize(1000).containsExactlyInAnyOrderElementsOf(subjects("pop", 1000));
    }

    private long imported(String mailbox) {
        return jdbc.queryForObject("select count(*) from mailbox_imports where mailbox = ?", Long.class, mailbox);
    }

    private List<String> ticketSubjects(String prefix) {
        return jdbc.queryForList("select subject from tickets where subject like ?", String.class, prefix + " %");
    }

    private static List<String> subjects(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s %04d", prefix, i)).toList();
    }

    /** Distinct customer mails, a few KB each, so that responses span many reads. */
    static List<byte[]> mails(String prefix, int count) {
        List<byte[]> out = new ArrayList<>();
        String filler = "A line of text that makes the message a few kilobytes long, as real ones are.\r\n".repeat(40);
        for (String subject : subjects(prefix, count)) {
            String n = subject.substring(subject.indexOf(' ') + 1);
            out.add(("From: Customer " + n + " <" + prefix + n + "@customer.example>\r\nTo: support@helpdesk.test\r\nSubject: " + subject
                    + "\r\nMessage-ID: <" + prefix + "-" + n + "@customer.example>\r\nDate: Tue, 04 Mar 2025 10:00:00 +0100\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello, this is " + subject + ".\r\n" + filler)
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static void deliver(GreenMailUser user, byte[] raw) {
        try {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long validity(GreenMail server, String email) {
        try {
            var user = server.getUserManager().getUserByEmail(email);
            return server.getManagers().getImapHostManager().getInbox(user).getUidValidity();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static GreenMail server(com.icegreen.greenmail.util.ServerSetup setup) {
        GreenMail server = new GreenMail(setup);
        server.start();
        for (String name : Set.of("imap-keep", "pop3-delete", "imap-move", "imap-delete", "pop3-keep", "imap-oauth", "imap-refused")) {
            server.setUser(name + "@provider.test", name, PASSWORD);
        }
        return server;
    }

    static CuttableLink link(int port) {
        try {
            return new CuttableLink(port);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

}
