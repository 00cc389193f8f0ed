package eu.postdesk.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.postdesk.tls.Pem;

/** Signatures checked by dkimpy, an independent verifier, against the public key record. */
class DkimSignerTest {
    private static final String MAIL = "From: Helpdesk <support@helpdesk.test>\r\nTo: elsa@school.example\r\n"
            + "Subject:  Re: Schedule   wrong [#12]\r\nDate: Tue, 04 Mar 2025 10:00:00 +0100\r\nMessage-ID: <a1@helpdesk.test>\r\n"
            + "In-Reply-To: <c1@school.example>\r\nReferences: <c1@school.example>\r\nAuto-Submitted: auto-replied\r\n"
            + "X-Loop: support@helpdesk.test\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\nHej Elsa,  we fixed it. =C3=A5  \r\n\r\n\r\n";

    @TempDir
    Path folder;

    private DkimSigner signer(KeyPair pair) throws Exception {
        Path key = folder.resolve("dkim.pem");
        Files.writeString(key, Pem.encode(pair.getPrivate()));
        return new DkimSigner(new DkimSettings("helpdesk.test", "postdesk", "file:" + key));
    }

    @Test
    void anRsaSignatureVerifiesWithDkimpy() throws Exception {
        KeyPair pair = DkimKeygen.generate("rsa");
        byte[] signed = signer(pair).sign(MAIL.getBytes(StandardCharsets.UTF_8));

        String text = new String(signed, StandardCharsets.UTF_8);
        assertThat(text).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=helpdesk.test; s=postdesk;");
        assertThat(Dkimpy.verifies(signed, DkimKeygen.record(pair.getPublic()))).isTrue();
    }

    @Test
    void anEd25519SignatureVerifiesWithDkimpy() throws Exception {
        KeyPair pair = DkimKeygen.generate("ed25519");
        byte[] signed = signer(pair).sign(MAIL.getBytes(StandardCharsets.UTF_8));

        assertThat(new String(signed, StandardCharsets.UTF_8)).startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;");
        assertThat(DkimKeygen.record(pair.getPublic())).startsWith("v=DKIM1; k=ed25519; p=");
        assertThat(Dkimpy.verifies(signed, DkimKeygen.record(pair.getPublic()))).isTrue();
    }

    @Test
    void keygenPrintsAKeyTheSignerReadsAndTheRecordThatVerifiesIt() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        int status = DkimKeygen.run(new String[] {"--domain=helpdesk.test", "--selector=s2026"}, new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        String pem = printed.substring(printed.indexOf("-----BEGIN PRIVATE KEY-----"), printed.indexOf("-----END PRIVATE KEY-----") + 25);
        String recordLine = printed.lines().filter(l -> l.startsWith("s2026._domainkey.helpdesk.test. IN TXT")).findFirst().orElseThrow();
        String record = String.join("", java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(recordLine).results().map(m -> m.group(1)).toList());

        Path key = folder.resolve("printed.pem");
        Files.writeString(key, pem + "\n");
        byte[] signed = new DkimSigner(new DkimSettings("helpdesk.test", "s2026", "file:" + key)).sign(MAIL.getBytes(StandardCharsets.UTF_8));
        assertThat(Dkimpy.verifies(signed, record)).isTrue();
    }

    @Test
    void theHeadersDmarcAndThreadingNeedAreSignedAndFromIsOverSigned() throws Exception {
        String text = new String(signer(DkimKeygen.generate("rsa")).sign(MAIL.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        String h = text.substring(text.indexOf("h=") + 2, text.indexOf(";", text.indexOf("h="))).replaceAll("\\s", "");
        assertThat(h.split(":")).contains("from", "to", "subject", "date", "message-id", "in-reply-to", "references",
                "auto-submitted", "mime-version", "content-type", "content-transfer-encoding");
        assertThat(h).contains("from:from");
    }

    @Test
    void aChangedSubjectOrBodyBreaksTheSignature() throws Exception {
        KeyPair pair = DkimKeygen.generate("rsa");
        String signed = new String(signer(pair).sign(MAIL.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        String record = DkimKeygen.record(pair.getPublic());
        assertThat(Dkimpy.verifies(signed.replace("Schedule   wrong", "Schedule right").getBytes(StandardCharsets.UTF_8), record)).isFalse();
        assertThat(Dkimpy.verifies(signed.replace("we fixed it", "we broke it").getBytes(StandardCharsets.UTF_8), record)).isFalse();
        assertThat(Dkimpy.verifies(("From: mallory@evil.example\r\n" + signed).getBytes(StandardCharsets.UTF_8), record)).isFalse();
    }

    @Test
    void bareLineFeedsAreSignedAsTheCrlfThatSmtpSends() throws Exception {
        KeyPair pair = DkimKeygen.generate("rsa");
        byte[] signed = signer(pair).sign(MAIL.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(new String(signed, StandardCharsets.UTF_8)).doesNotContain("\n\n").contains("\r\n\r\n");
        assertThat(Dkimpy.verifies(signed, DkimKeygen.record(pair.getPublic()))).isTrue();
    }

    @Test
    void withoutAKeyMailGoesOutUnsigned() {
        DkimSigner none = new DkimSigner(new DkimSettings(null, null, null));
        assertThat(none.signs()).isFalse();
        assertThat(none.sign(MAIL.getBytes(StandardCharsets.UTF_8))).isEqualTo(MAIL.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHalfConfiguredKeyStopsTheStartNamingTheProperties() {
        assertThatThrownBy(() -> new DkimSettings("helpdesk.test", null, "file:/etc/postdesk/dkim.pem"))
                .hasMessageContaining("postdesk.dkim.selector");
        assertThatThrownBy(() -> new DkimSigner(new DkimSettings("helpdesk.test", "postdesk", "file:/nonexistent/dkim.pem")))
                .hasMessageContaining("postdesk.dkim.private-key");
    }
}
