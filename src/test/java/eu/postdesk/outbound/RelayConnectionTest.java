package eu.postdesk.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.outbound.RelaySettings.Tls;
import eu.postdesk.tls.SelfSignedCertificate;
import eu.postdesk.tls.TestCa;

/** The relay connection against real SMTP servers: one as strict as the big providers (SubEthaSMTP), GreenMail for SMTPS. */
class RelayConnectionTest {
    private static final String USER = "postdesk@helpdesk.test";
    private static final String PASSWORD = "relay-secret-7f3a9c";
    private static final byte[] MAIL = ("From: support@helpdesk.test\r\nTo: customer@example.com\r\nSubject: Your ticket [#1]\r\n"
            + "Message-ID: <1@helpdesk.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nWe are on it.\r\n")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path folder;
    static TestCa ca;
    static TestCa.Issued relayCertificate;
    static GreenMail smtps;
    static GreenMail plain;

    @BeforeAll
    static void peers() throws Exception {
        ca = new TestCa(folder.resolve("ca"));
        relayCertificate = ca.issue("relay");
        // GreenMail reads its TLS key store once per JVM, from these properties
        System.setProperty("greenmail.tls.keystore.file", relayCertificate.keyStore().toString());
        System.setProperty("greenmail.tls.keystore.password", TestCa.Issued.PASSWORD);
        smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort()).withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
        smtps.start();
        plain = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        plain.start();
    }

    @AfterAll
    static void stop() {
        smtps.stop();
        plain.stop();
    }

    private static RelayConnection relay(int port, Tls tls, String user, String password, String token, Path trusted) {
        return new RelayConnection(new RelaySettings("127.0.0.1", port, tls, user, password, token, null, trusted));
    }

    private static void send(RelayConnection relay) throws MessagingException {
        Session session = relay.session("support@helpdesk.test");
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(MAIL));
        try (Transport transport = session.getTransport("smtp")) {
            relay.connect(transport);
            transport.sendMessage(message, new Address[] {new InternetAddress("customer@example.com")});
        }
    }

    @Test
    void requiredTlsDeliversThroughARelayThatRequiresStartTlsAndAuth() throws Exception {
        try (StrictRelay strict = new StrictRelay(relayCertificate.certificate(), relayCertificate.privateKey(), USER, PASSWORD)) {
            send(relay(strict.port(), Tls.REQUIRED, USER, PASSWORD, null, ca.caFile()));

            assertThat(strict.received()).hasSize(1);
            assertThat(strict.received().get(0).user()).isEqualTo(USER);
            assertThat(strict.received().get(0).tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(new String(strict.received().get(0).raw(), StandardCharsets.UTF_8)).contains("We are on it.");
        }
    }

    @Test
    void aRelayWhoseCertificateDoesNotVerifyIsRefusedBeforeAnyCredentialIsSent() throws Exception {
        Path cert = folder.resolve("untrusted/cert.pem");
        Path key = folder.resolve("untrusted/key.pem");
        SelfSignedCertificate.ensure(cert, key, "localhost");
        try (StrictRelay strict = new StrictRelay(cert, key, USER, PASSWORD)) {
            assertThatThrownBy(() -> send(relay(strict.port(), Tls.REQUIRED, USER, PASSWORD, null, ca.caFile())))
                    .isInstanceOf(MessagingException.class)
                    .satisfies(e -> assertThat(chain(e)).contains("PKIX").doesNotContain(PASSWORD));
            assertThat(strict.received()).isEmpty();
        }
    }

    @Test
    void aRelayCertificateForAnotherHostIsRefused() throws Exception {
        TestCa.Issued other = ca.issueForOtherHost("other");
        try (StrictRelay strict = new StrictRelay(other.certificate(), other.privateKey(), USER, PASSWORD)) {
            assertThatThrownBy(() -> send(relay(strict.port(), Tls.REQUIRED, USER, PASSWORD, null, ca.caFile())))
                    .isInstanceOf(MessagingException.class);
            assertThat(strict.received()).isEmpty();
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheRelayAndNotRepeatedInTheError() throws Exception {
        try (StrictRelay strict = new StrictRelay(relayCertificate.certificate(), relayCertificate.privateKey(), USER, PASSWORD)) {
            assertThatThrownBy(() -> send(relay(strict.port(), Tls.REQUIRED, USER, "wrong-password-123", null, ca.caFile())))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .satisfies(e -> assertThat(chain(e)).doesNotContain("wrong-password-123"));
            assertThat(strict.received()).isEmpty();
        }
    }

    @Test
    void implicitTlsDeliversToSmtpsWithPlainAuth() throws Exception {
        int before = smtps.getReceivedMessages().length;
        send(relay(smtps.getSmtps().getPort(), Tls.IMPLICIT, USER, PASSWORD, null, ca.caFile()));
        assertThat(smtps.getReceivedMessages()).hasSize(before + 1);
    }

    @Test
    void implicitTlsRefusesSmtpsWhoseCertificateIsNotTrusted() {
        // without the test CA, only the system trust store is asked
        assertThatThrownBy(() -> send(relay(smtps.getSmtps().getPort(), Tls.IMPLICIT, USER, PASSWORD, null, null)))
                .isInstanceOf(MessagingException.class);
    }

    @Test
    void xoauth2SendsTheConfiguredToken() throws Exception {
        int before = smtps.getReceivedMessages().length;
        send(relay(smtps.getSmtps().getPort(), Tls.IMPLICIT, USER, null, PASSWORD, ca.caFile()));
        assertThat(smtps.getReceivedMessages()).hasSize(before + 1);
    }

    @Test
    void xoauth2ReadsTheTokenFileAtEachConnectionSoThatARefresherCanRenewIt() throws Exception {
        Path token = folder.resolve("token");
        Files.writeString(token, "expired-token\n");
        RelayConnection relay = new RelayConnection(new RelaySettings("127.0.0.1", smtps.getSmtps().getPort(), Tls.IMPLICIT, USER, null, null, token, ca.caFile()));
        assertThatThrownBy(() -> send(relay)).isInstanceOf(AuthenticationFailedException.class);

        Files.writeString(token, PASSWORD + "\n");
        int before = smtps.getReceivedMessages().length;
        send(relay);
        assertThat(smtps.getReceivedMessages()).hasSize(before + 1);
    }

    @Test
    void requiredTlsRefusesARelayThatDoesNotOfferStartTls() {
        int before = plain.getReceivedMessages().length;
        assertThatThrownBy(() -> send(relay(plain.getSmtp().getPort(), Tls.REQUIRED, null, null, null, null)))
                .isInstanceOf(MessagingException.class).hasMessageContaining("STARTTLS");
        assertThat(plain.getReceivedMessages()).hasSize(before);
    }

    @Test
    void opportunisticTlsSendsPlainToALoopbackRelayWithoutStartTls() throws Exception {
        RelayConnection loopback = relay(plain.getSmtp().getPort(), null, null, null, null, null);
        assertThat(loopback.settings().effectiveTls()).isEqualTo(Tls.OPPORTUNISTIC);
        send(loopback);
        assertThat(plain.getReceivedMessages()).isNotEmpty();
    }

    private static String chain(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
        return out.toString();
    }
}
