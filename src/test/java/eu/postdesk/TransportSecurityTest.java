package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.ingress.SmtpIngress;
import eu.postdesk.outbound.DkimKeygen;
import eu.postdesk.outbound.Dkimpy;
import eu.postdesk.outbound.StrictRelay;
import eu.postdesk.tls.Pem;
import eu.postdesk.tls.TestCa;

/**
 * Postdesk with TLS on every hop, against real peers: STARTTLS into its own listener with a test CA
 * (required before MAIL), the API over HTTPS, and a relay that requires STARTTLS and AUTH; every
 * mail it sends carries a DKIM signature that dkimpy verifies against the test key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TransportSecurityTest {
    static final String SUPPORT = "support@helpdesk.test";
    static final String AGENT = "agent1@corp.test";
    static final String TOKEN = "tls-test-admin-token-0123456789";
    static final String RELAY_USER = "postdesk@helpdesk.test";
    static final String RELAY_PASSWORD = "relay-password-91c2e7";

    static final Path folder;
    static final TestCa ca;
    static final TestCa.Issued listener;
    static final TestCa.Issued api;
    static final TestCa.Issued client;
    static final StrictRelay relay;
    static final KeyPair dkim = DkimKeygen.generate("rsa");

    static {
        try {
            folder = Files.createTempDirectory("postdesk-tls-test-");
            ca = new TestCa(folder.resolve("ca"));
            listener = ca.issue("listener");
            api = ca.issue("api");
            client = ca.issue("client");
            TestCa.Issued relayCertificate = ca.issue("relay");
            relay = new StrictRelay(relayCertificate.certificate(), relayCertificate.privateKey(), RELAY_USER, RELAY_PASSWORD);
            Files.writeString(folder.resolve("dkim.pem"), Pem.encode(dkim.getPrivate()));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void postdesk(DynamicPropertyRegistry registry) {
        registry.add("postdesk.data-dir", () -> folder.resolve("data").toString());
        registry.add("postdesk.conf-dir", () -> folder.resolve("no-conf").toString());
        registry.add("postdesk.smtp.port", () -> 0);
        registry.add("postdesk.smtp.require-tls", () -> true);
        registry.add("postdesk.smtp.tls.certificate", () -> listener.certificate().toString());
        registry.add("postdesk.smtp.tls.private-key", () -> listener.privateKey().toString());
        registry.add("postdesk.support-addresses", () -> SUPPORT);
        registry.add("postdesk.agents[0].address", () -> AGENT);
        registry.add("postdesk.agents[0].name", () -> "Agent One");
        registry.add("postdesk.agent-verification[corp.test]", () -> "token-only");
        registry.add("postdesk.api.admin-token", () -> TOKEN);
        registry.add("postdesk.outbound.host", () -> "127.0.0.1");
        registry.add("postdesk.outbound.port", relay::port);
        registry.add("postdesk.outbound.tls", () -> "required");
        registry.add("postdesk.outbound.username", () -> RELAY_USER);
        registry.add("postdesk.outbound.password", () -> RELAY_PASSWORD);
        registry.add("postdesk.outbound.trusted-certificates", () -> ca.caFile().toString());
        registry.add("postdesk.outbound.poll", () -> "50ms");
        registry.add("postdesk.dkim.domain", () -> "helpdesk.test");
        registry.add("postdesk.dkim.selector", () -> "postdesk");
        registry.add("postdesk.dkim.private-key", () -> "file:" + folder.resolve("dkim.pem"));
        registry.add("server.ssl.bundle", () -> "api");
        registry.add("spring.ssl.bundle.pem.api.keystore.certificate", () -> "file:" + api.certificate());
        registry.add("spring.ssl.bundle.pem.api.keystore.private-key", () -> "file:" + api.privateKey());
        registry.add("logging.level.eu.postdesk", () -> "DEBUG");
    }

    @LocalServerPort
    int httpsPort;

    @Autowired
    SmtpIngress ingress;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void mailBeforeStartTlsIsRefusedWith530() throws IOException {
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", ingress.port())) {
            smtp.expect("220");
            assertThat(smtp.command("EHLO plain.example").expect("250")).contains("STARTTLS");
            assertThat(smtp.command("MAIL FROM:<someone@example.com>").expect("530")).contains("5.7.0");
        }
    }

    @Test
    void mailOverStartTlsIsAcceptedAndOurReceivedHeaderRecordsTheTls() throws Exception {
        String customer = "ines@tls.example";
        sendOverStartTls(customer, mail(customer, "Over TLS", "Sent over STARTTLS."), false);
        assertThat(lastSpooledHeaders()).containsPattern("Received: from client\\.example \\(\\[127\\.0\\.0\\.1]\\)\\r\\n\\tby postdesk \\(Postdesk\\) with ESMTPS")
                .containsPattern("using TLSv1\\.[23] with cipher TLS_\\w+; no client certificate");

        sendOverStartTls(customer, mail(customer, "With a client certificate", "Sent with a certificate."), true);
        assertThat(lastSpooledHeaders()).contains("client certificate presented, not verified");
    }

    @Test
    void acknowledgementNotificationAndRelayedAnswerAreDkimSignedAndSentThroughTheStrictRelay() throws Exception {
        Dkimpy.assumeInstalled();
        String customer = "elsa@school.example";
        sendOverStartTls(customer, mail(customer, "Schedule wrong", "The schedule shows the wrong teacher."), false);
        RunningPostdesk.eventually("acknowledgement and notification", () -> to(customer).size() == 1 && notificationsAbout(customer).size() == 1);

        StrictRelay.Received notification = notificationsAbout(customer).get(0);
        String replyAddress = ((InternetAddress) parse(notification.raw()).getReplyTo()[0]).getAddress();
        sendOverStartTls(AGENT, ("From: Agent One <" + AGENT + ">\r\nTo: " + replyAddress + "\r\nSubject: Re: Schedule wrong\r\n"
                + "Message-ID: <answer-1@corp.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Hi Elsa, fixed.\r\n").getBytes(StandardCharsets.UTF_8), replyAddress, false);
        RunningPostdesk.eventually("the relayed answer", () -> to(customer).size() == 2);

        String record = DkimKeygen.record(dkim.getPublic());
        StrictRelay.Received acknowledgement = to(customer).get(0);
        StrictRelay.Received answer = to(customer).get(1);
        for (StrictRelay.Received sent : List.of(acknowledgement, notification, answer)) {
            assertThat(sent.user()).isEqualTo(RELAY_USER);
            assertThat(sent.tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
            // the relay puts its own Received header above our signature, which stays valid
            assertThat(parse(sent.raw()).getHeader("DKIM-Signature")).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("v=1; a=rsa-sha256; c=relaxed/relaxed; d=helpdesk.test; s=postdesk;");
            assertThat(Dkimpy.verifies(sent.raw(), record)).as("dkimpy verifies %s", parse(sent.raw()).getSubject()).isTrue();
        }
        assertThat(parse(answer.raw()).getSubject()).contains("Schedule wrong");
    }

    @Test
    void theApiServesHttpsWithHsts() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(ca.clientContext()).build();
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/api/tickets"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

        HttpResponse<String> refused = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/api/tickets")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Strict-Transport-Security")).isPresent();

        // plain HTTP on the HTTPS port gets no API answer, only Tomcat's 400 saying TLS is needed
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpsPort + "/api/tickets"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).doesNotContain("\"number\"");
    }

    @Test
    void theRelayPasswordAppearsInNoLogNoApiAnswer(CapturedOutput output) throws Exception {
        String customer = "carl@secret.example";
        sendOverStartTls(customer, mail(customer, "Password check", "Nothing secret here."), false);
        RunningPostdesk.eventually("the acknowledgement", () -> to(customer).size() == 1);
        HttpClient https = HttpClient.newBuilder().sslContext(ca.clientContext()).build();
        for (String path : List.of("/outbox", "/pipeline", "/tickets", "/quarantine", "/dropped")) {
            String body = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/api" + path))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).as(path).doesNotContain(RELAY_PASSWORD);
        }
        assertThat(output.getAll()).contains("relay 127.0.0.1:" + relay.port() + " with TLS required and SMTP AUTH PLAIN/LOGIN")
                .doesNotContain(RELAY_PASSWORD);
    }

    private static List<StrictRelay.Received> to(String address) {
        return relay.received().stream().filter(r -> r.recipients().contains(address)).toList();
    }

    private static List<StrictRelay.Received> notificationsAbout(String customer) {
        return to(AGENT).stream().filter(r -> new String(r.raw(), StandardCharsets.ISO_8859_1).contains(customer)).toList();
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private String lastSpooledHeaders() throws IOException {
        String file = jdbc.queryForObject("select raw_file from spool order by id desc limit 1", String.class);
        String raw = Files.readString(folder.resolve("data/spool").resolve(file), StandardCharsets.ISO_8859_1);
        return raw.substring(0, raw.indexOf("\r\n\r\n"));
    }

    private static byte[] mail(String from, String subject, String body) {
        return ("From: " + from + "\r\nTo: " + SUPPORT + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + java.util.UUID.randomUUID()
                + "@customer.example>\r\nDate: Tue, 04 Mar 2025 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private void sendOverStartTls(String from, byte[] raw, boolean withClientCertificate) throws Exception {
        sendOverStartTls(from, raw, SUPPORT, withClientCertificate);
    }

    /** A real client (Angus) that insists on STARTTLS and verifies the listener's certificate against the test CA. */
    private void sendOverStartTls(String from, byte[] raw, String to, boolean withClientCertificate) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", String.valueOf(ingress.port()));
        properties.put("mail.smtp.localhost", "client.example");
        properties.put("mail.smtp.from", from);
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.ssl.socketFactory", (withClientCertificate ? withCertificate() : ca.clientContext()).getSocketFactory());
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(to)});
        }
    }

    private static SSLContext withCertificate() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(client.keyStore())) {
            keys.load(in, TestCa.Issued.PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, TestCa.Issued.PASSWORD.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", Pem.certificates(ca.caFile()).get(0));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
        return context;
    }
}
