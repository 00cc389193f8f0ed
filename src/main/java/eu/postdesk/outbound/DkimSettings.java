package eu.postdesk.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The DKIM key Postdesk signs with ({@code postdesk.dkim.*}); all three unset = mail goes out unsigned.
 *
 * @param domain     the d= domain, normally the support address's domain (DMARC alignment)
 * @param selector   the s= selector: the key is published at {@code selector._domainkey.domain}
 * @param privateKey a Spring resource holding the PEM private key (RSA or Ed25519), e.g. {@code file:/etc/postdesk/dkim.pem}
 */
@ConfigurationProperties(prefix = "postdesk.dkim")
public record DkimSettings(String domain, String selector, String privateKey) {
    public DkimSettings {
        int set = (blank(domain) ? 0 : 1) + (blank(selector) ? 0 : 1) + (blank(privateKey) ? 0 : 1);
        if (set != 0 && set != 3) {
            throw new IllegalStateException("postdesk.dkim.domain, postdesk.dkim.selector and postdesk.dkim.private-key go together: set all three, or none to send unsigned");
        }
        if (!blank(domain) && !domain.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw new IllegalStateException("postdesk.dkim.domain: '" + domain + "' is not a domain name");
        }
        if (!blank(selector) && !selector.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new IllegalStateException("postdesk.dkim.selector: '" + selector + "' is not a DNS label");
        }
    }

    public boolean configured() {
        return !blank(domain);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
