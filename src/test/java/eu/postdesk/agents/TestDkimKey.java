package eu.postdesk.agents;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.apache.james.jdkim.DKIMSigner;

import eu.postdesk.authentication.DnsRecords;
import eu.postdesk.authentication.TestDns;

/**
 * A DKIM key made for the test run, published in DNS the test controls as the TXT record
 * {@code SELECTOR._domainkey.DOMAIN}; {@link #sign} signs a raw message.
 */
public final class TestDkimKey {
    public static final String SELECTOR = "test2026";

    private final KeyPair key;

    /** A new key, its public half published in {@code dns} for each domain. */
    public TestDkimKey(TestDns dns, String... domains) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
        for (String domain : domains) {
            dns.publish(SELECTOR + "._domainkey." + domain, DnsRecords.Type.TXT, record);
        }
    }

    /** The raw message with a DKIM-Signature of {@code domain} on top (relaxed/relaxed, rsa-sha256). */
    public String sign(String raw, String domain) {
        try {
            DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + SELECTOR
                    + "; h=from:to:subject:message-id; bh=; b=;", key.getPrivate());
            String header = signer.sign(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            String field = header.regionMatches(true, 0, "DKIM-Signature:", 0, 15) ? header : "DKIM-Signature: " + header;
            return field + "\r\n" + raw;
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the test message", e);
        }
    }
}
