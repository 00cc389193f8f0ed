package eu.postdesk.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.RunningPostdesk;

/**
 * What happens on the server once a message is imported: moved to a folder, deleted, or kept and
 * remembered (across a restart of the import); a bearer token logs in with XOAUTH2; a refused login
 * is reported by phrase, and no password or token reaches the log, the API or the health view.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailboxAfterImportTest extends RunningPostdesk {
    private static final String PASSWORD = "imap-Secret-Pa55word-7731";
    private static final String TOKEN = "ya29.bearer-Token-For-Oauth-5512";
    private static final String WRONG = "wrong-Secret-Pa55word-0000";

    private static final GreenMail server = servers();

    private static GreenMail servers() {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.POP3.dynamicPort()});
        greenMail.start();
        for (String name : List.of("imap-move", "imap-delete", "pop3-keep", "imap-refused")) {
            greenMail.setUser(name + "@provider.test", name, PASSWORD);
        }
        greenMail.setUser("imap-oauth@provider.test", "imap-oauth", TOKEN);
        return greenMail;
    }

    @Autowired
    PolledMailboxes polled;

    @Autowired
    MailboxHealth health;

    @DynamicPropertySource
    static void mailboxes(DynamicPropertyRegistry registry) {
        int imap = server.getImap().getPort();
        mailbox(registry, 0, "imap-move", "imap", imap, "move-to", "password", PASSWORD);
        registry.add("postdesk.mailboxes[0].move-to", () -> "Imported");
        mailbox(registry, 1, "imap-delete", "imap", imap, "delete", "password", PASSWORD);
        mailbox(registry, 2, "pop3-keep", "pop3", server.getPop3().getPort(), "keep", "password", PASSWORD);
        mailbox(registry, 3, "imap-oauth", "imap", imap, "keep", "oauth2-token", TOKEN);
        mailbox(registry, 4, "imap-refused", "imap", imap, "keep", "password", WRONG);
    }

    private static void mailbox(DynamicPropertyRegistry registry, int i, String name, String protocol, int port, String afterImport,
            String secretProperty, String secret) {
        String at = "postdesk.mailboxes[" + i + "].";
        registry.add(at + "name", () -> name);
        registry.add(at + "protocol", () -> protocol);
        registry.add(at + "host", () -> "127.0.0.1");
        registry.add(at + "port", () -> port);
        registry.add(at + "security", () -> "none");
        registry.add(at + "username", () -> name);
        registry.add(at + secretProperty, () -> secret);
        registry.add(at + "after-import", () -> afterImport);
        registry.add(at + "poll-interval", () -> "300ms");
        registry.add(at + "timeout", () -> "30s");
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void moveToTakesEachImportedMessageIntoTheFolder() throws Exception {
        deliver("imap-move", "moved", 3);

        eventually("three tickets", () -> tickets("moved") == 3);
        eventually("the inbox emptied", () -> messagesIn("imap-move", "INBOX") == 0);
        assertThat(messagesIn("imap-move", "Imported")).isEqualTo(3);
        assertThat(tickets("moved")).isEqualTo(3);
    }

    @Test
    void deleteRemovesEachImportedMessage() throws Exception {
        deliver("imap-delete", "deleted", 3);

        eventually("three tickets", () -> tickets("deleted") == 3);
        eventually("the inbox emptied", () -> messagesIn("imap-delete", "INBOX") == 0);
        assertThat(tickets("deleted")).isEqualTo(3);
    }

    @Test
    void keepLeavesMessagesAndRemembersThemAcrossARestart() throws Exception {
        deliver("pop3-keep", "kept", 3);
        eventually("three tickets", () -> tickets("kept") == 3);

        polled.stop();
        polled.start();
        deliver("pop3-keep", "kept-later", 1);

        eventually("the message delivered after the restart filed", () -> tickets("kept-later") == 1);
        awaitSpoolSettled();
        assertThat(tickets("kept")).as("the three kept ones are not imported again").isEqualTo(3);
        assertThat(messagesIn("pop3-keep", "INBOX")).isEqualTo(4);
    }

    @Test
    void anOauth2BearerTokenLogsInWithXoauth2() throws Exception {
        deliver("imap-oauth", "bearer", 2);

        eventually("two tickets", () -> tickets("bearer") == 2);
    }

    @Test
    void aRefusedLoginIsReportedWithoutAnySecret(CapturedOutput output) {
        eventually("the refused login reported", () -> refused().lastError() != null);

        assertThat(refused().lastError()).contains("refused the login");
        assertThat(refused().state()).isEqualTo("failing");
        String pipeline = api("/pipeline").toString();
        assertThat(pipeline).contains("imap-refused").contains("refused the login");
        eventually("a sync of the oauth mailbox", () -> health.mailboxes().stream()
                .anyMatch(m -> m.name().equals("imap-oauth") && m.lastSyncAt() != null));
        assertThat(output.getAll()).as("the log tells the operator").contains("mailbox imap-refused: the server refused the login");
        // the mailboxes' lag and backlog are metrics, and their state is part of readiness
        String metrics = actuator("/actuator/prometheus", ADMIN_TOKEN);
        assertThat(metrics).containsPattern("postdesk_mailbox_lag_seconds\\{mailbox=\"imap-oauth\"\\} \\d")
                .contains("postdesk_mailbox_backlog{mailbox=\"imap-refused\"}");
        String readiness = actuator("/actuator/health/readiness", null);
        assertThat(readiness).contains("\"mailboxes\"").contains("refused the login");
        for (String secret : List.of(PASSWORD, TOKEN, WRONG)) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(pipeline).doesNotContain(secret);
            assertThat(health.mailboxes().toString()).doesNotContain(secret);
            assertThat(metrics).doesNotContain(secret);
            assertThat(readiness).doesNotContain(secret);
        }
    }

    /** An operators' endpoint over HTTP, from loopback: health needs no token here, metrics the admin's. */
    private String actuator(String path, String token) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort + path)).GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private MailboxHealth.Mailbox refused() {
        return health.mailboxes().stream().filter(m -> m.name().equals("imap-refused")).findFirst().orElseThrow();
    }

    private long tickets(String prefix) {
        return jdbc.queryForObject("select count(*) from tickets where subject like ?", Long.class, prefix + " %");
    }

    private static void deliver(String user, String prefix, int count) {
        var mailbox = server.getUserManager().getUser(user);
        MailboxImportTest.mails(prefix, count).forEach(raw -> MailboxImportTest.deliver(mailbox, raw));
    }

    /** Counts the messages in a folder over IMAP (POP3's maildrop is the INBOX). */
    private static int messagesIn(String user, String folderName) {
        try {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", server.getImap().getPort(), user, PASSWORD);
            try {
                Folder folder = store.getFolder(folderName);
                folder.open(Folder.READ_ONLY);
                return folder.getMessageCount();
            } finally {
                store.close();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
