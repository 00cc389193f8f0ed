package eu.postdesk.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.RunningPostdesk;
import eu.postdesk.tls.TestCa;

/**
 * Mailboxes over TLS from the first byte (IMAPS, POP3S): the server's certificate must verify
 * against the system trust store plus {@code trusted-certificates}, host name included; one that
 * does not is refused and reported.
 */
class MailboxTlsTest extends RunningPostdesk {
    private static final String PASSWORD = "tls-Secret-Pa55word-4410";
    private static final GreenMail server;
    private static final Path trusted;

    static {
        try {
            Path folder = Files.createTempDirectory("mailbox-tls-");
            if (System.getProperty("greenmail.tls.keystore.file") == null) {
                // GreenMail reads its TLS key store once per JVM, from these properties: a certificate for 127.0.0.1
                TestCa.Issued issued = new TestCa(folder.resolve("ca")).issue("mailserver");
                System.setProperty("greenmail.tls.keystore.file", issued.keyStore().toString());
                System.setProperty("greenmail.tls.keystore.password", TestCa.Issued.PASSWORD);
            }
            server = new GreenMail(new ServerSetup[] {ServerSetupTest.IMAPS.dynamicPort(), ServerSetupTest.POP3S.dynamicPort()});
            server.start();
            for (String name : List.of("imaps", "pop3s", "untrusted")) {
                server.setUser(name + "@provider.test", name, PASSWORD);
            }
            trusted = folder.resolve("issuer.pem");
            Files.writeString(trusted, eu.postdesk.tls.Pem.encode(issuerOf(server.getImaps().getPort())));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The CA at the top of the chain the server presents (whichever test CA this JVM's GreenMail was given). */
    private static java.security.cert.Certificate issuerOf(int port) throws Exception {
        var context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) { }
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) { }
            public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
        }}, null);
        try (var socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            var chain = socket.getSession().getPeerCertificates();
            return chain[chain.length - 1];
        }
    }

    @Autowired
    MailboxHealth health;

    @DynamicPropertySource
    static void mailboxes(DynamicPropertyRegistry registry) {
        mailbox(registry, 0, "imaps", "imap", server.getImaps().getPort(), trusted);
        mailbox(registry, 1, "pop3s", "pop3", server.getPop3s().getPort(), trusted);
        mailbox(registry, 2, "untrusted", "imap", server.getImaps().getPort(), null);
    }

    private static void mailbox(DynamicPropertyRegistry registry, int i, String name, String protocol, int port, Path trusted) {
        String at = "postdesk.mailboxes[" + i + "].";
        registry.add(at + "name", () -> name);
        registry.add(at + "protocol", () -> protocol);
        registry.add(at + "host", () -> "127.0.0.1");
        registry.add(at + "port", () -> port);
        registry.add(at + "security", () -> "tls");
        registry.add(at + "username", () -> name);
        registry.add(at + "password", () -> PASSWORD);
        registry.add(at + "after-import", () -> "delete");
        registry.add(at + "poll-interval", () -> "300ms");
        registry.add(at + "timeout", () -> "30s");
        if (trusted != null) {
            registry.add(at + "trusted-certificates", trusted::toString);
        }
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void imapsAndPop3sImportOverVerifiedTls() {
        deliver("imaps", "over imaps");
        deliver("pop3s", "over pop3s");

        eventually("both filed", () -> tickets("over imaps") == 1 && tickets("over pop3s") == 1);
        eventually("both mailboxes emptied", () -> server.getReceivedMessagesForDomain("provider.test").length
                == messagesOf("untrusted"));
    }

    @Test
    void aCertificateThatDoesNotVerifyIsRefused() {
        deliver("untrusted", "never over unverified tls");

        eventually("the refusal reported", () -> health.mailboxes().stream()
                .anyMatch(m -> m.name().equals("untrusted") && "TLS with the server failed".equals(m.lastError())));
        assertThat(tickets("never over unverified tls")).isZero();
    }

    private int messagesOf(String user) {
        return (int) java.util.Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().startsWith(user + "@");
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    private long tickets(String subject) {
        return jdbc.queryForObject("select count(*) from tickets where subject = ?", Long.class, subject);
    }

    private static void deliver(String user, String subject) {
        byte[] raw = ("From: someone@customer.example\r\nTo: support@helpdesk.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@customer.example>\r\n\r\nHello.\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MailboxImportTest.deliver(server.getUserManager().getUser(user), raw);
    }
}
