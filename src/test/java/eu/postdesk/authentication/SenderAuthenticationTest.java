package eu.postdesk.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import eu.postdesk.agents.TestDkimKey;

/** Postdesk's own SPF (jSPF), DKIM (jDKIM) and DMARC verdict, with DNS the test controls. */
class SenderAuthenticationTest {
    private final TestDns dns = new TestDns()
            .publish("signed.example", DnsRecords.Type.TXT, "v=spf1 ip4:192.0.2.10 -all")
            .publish("_dmarc.signed.example", DnsRecords.Type.TXT, "v=DMARC1; p=reject")
            .publish("bank.example", DnsRecords.Type.TXT, "v=spf1 ip4:198.51.100.7 -all")
            .publish("_dmarc.bank.example", DnsRecords.Type.TXT, "v=DMARC1; p=reject; adkim=s");
    private final TestDkimKey signedKey = new TestDkimKey(dns, "signed.example", "mail.bank.example");
    private final SenderAuthentication checks = new SenderAuthentication(dns, new DkimVerification(dns));

    @Test
    void aSignedMessageFromAPermittedAddressPassesSpfDkimAndDmarc() throws Exception {
        String raw = trace("192.0.2.10") + signedKey.sign(message("anna@signed.example"), "signed.example");

        String header = recorded(raw, "bounces@signed.example");

        assertThat(header).startsWith("postdesk; ").contains("spf=pass smtp.mailfrom=signed.example")
                .contains("dkim=pass header.d=signed.example").contains("dmarc=pass header.from=signed.example");
    }

    @Test
    void aForgedFromFailsSpfAndDmarcAndHasNoSignature() throws Exception {
        String raw = trace("203.0.113.66") + message("ceo@bank.example");

        String header = recorded(raw, "ceo@bank.example");

        assertThat(header).contains("spf=fail").contains("dkim=none").contains("dmarc=fail header.from=bank.example");
    }

    @Test
    void aSignatureBrokenInTransitIsADkimFail() throws Exception {
        String raw = trace("203.0.113.66") + signedKey.sign(message("anna@signed.example"), "signed.example").replace("Hello", "Hallo");

        assertThat(recorded(raw, "anna@signed.example")).contains("dkim=fail").contains("dmarc=fail");
    }

    @Test
    void strictDkimAlignmentRefusesASubdomainSignature() throws Exception {
        String raw = trace("203.0.113.66") + signedKey.sign(message("ceo@bank.example"), "mail.bank.example");

        assertThat(recorded(raw, "ceo@bank.example")).contains("dkim=pass header.d=mail.bank.example").contains("dmarc=fail");
    }

    @Test
    void aDomainWithoutPolicyHasDmarcNone() throws Exception {
        String raw = trace("203.0.113.66") + message("someone@nopolicy.example");

        assertThat(recorded(raw, "someone@nopolicy.example")).contains("spf=none").contains("dmarc=none");
    }

    @Test
    void theRecordedVerdictIsReadBackByTheParticipantRule() throws Exception {
        MimeMessage forged = parse(trace("203.0.113.66") + message("ceo@bank.example"));
        checks.record(forged, new ByteArrayInputStream(new byte[0]), "ceo@bank.example");
        assertThat(SenderAuthentication.fromFailsDmarc(forged)).isTrue();

        MimeMessage genuine = parse(trace("192.0.2.10") + message("anna@signed.example"));
        checks.record(genuine, new ByteArrayInputStream(new byte[0]), "anna@signed.example");
        assertThat(SenderAuthentication.fromFailsDmarc(genuine)).isFalse();
    }

    private String recorded(String raw, String envelopeSender) throws Exception {
        MimeMessage message = parse(raw);
        checks.record(message, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), envelopeSender);
        return String.join("\n", message.getHeader(SenderAuthentication.HEADER));
    }

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static String trace(String address) {
        return "Received: from client.example ([" + address + "])\r\n\tby mx.helpdesk.test (Postdesk) with ESMTP id 1;\r\n"
                + "\tTue, 1 Dec 2026 12:00:00 +0000\r\n";
    }

    private static String message(String from) {
        return "From: <" + from + ">\r\nTo: support@helpdesk.test\r\nSubject: Question\r\nMessage-ID: <" + java.util.UUID.randomUUID()
                + "@example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello, a question.\r\n";
    }
}
