package eu.postdesk.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Postdesk talks to its relay ({@code postdesk.outbound.*}): TLS mode, trusted certificates
 * and SMTP AUTH credentials. Validated once at start; {@link #toString()} never shows a secret.
 *
 * @param host                the relay; unset = mail stays held in the outbox
 * @param port                unset = 465 for {@code implicit}, else 25
 * @param tls                 unset = {@code implicit} on port 465, else {@code required}, or {@code opportunistic} for a loopback relay without credentials
 * @param username            SMTP AUTH user; unset = no AUTH
 * @param password            for PLAIN/LOGIN
 * @param oauth2Token         for XOAUTH2 (Microsoft 365, Google), instead of a password
 * @param oauth2TokenFile     a file holding the XOAUTH2 access token, read at each connection, so
 *                            that an outside refresher can renew the short-lived token
 * @param trustedCertificates PEM file of CA certificates trusted beside the system trust store
 */
@ConfigurationProperties(prefix = "postdesk.outbound")
public record RelaySettings(String host, Integer port, Tls tls, String username, String password, String oauth2Token,
        Path oauth2TokenFile, Path trustedCertificates) {

    /** The four ways to reach a relay. */
    public enum Tls {
        /** STARTTLS, or no delivery; the certificate must verify. */
        REQUIRED,
        /** STARTTLS when offered (certificate not verified, RFC 7435), plain otherwise. */
        OPPORTUNISTIC,
        /** TLS from the first byte (SMTPS, port 465); the certificate must verify. */
        IMPLICIT,
        /** plain SMTP. */
        OFF
    }

    public RelaySettings {
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalStateException("postdesk.outbound.port must be between 1 and 65535, got " + port);
        }
        boolean hasUser = username != null && !username.isBlank();
        int secrets = (notBlank(password) ? 1 : 0) + (notBlank(oauth2Token) ? 1 : 0) + (oauth2TokenFile != null ? 1 : 0);
        if (!hasUser && secrets > 0) {
            throw new IllegalStateException("postdesk.outbound.password, .oauth2-token or .oauth2-token-file is set without postdesk.outbound.username");
        }
        if (secrets > 1) {
            throw new IllegalStateException("set one of postdesk.outbound.password (PLAIN/LOGIN), postdesk.outbound.oauth2-token or postdesk.outbound.oauth2-token-file (XOAUTH2), not several");
        }
        if (hasUser && secrets == 0) {
            throw new IllegalStateException("postdesk.outbound.username is set: set postdesk.outbound.password (PLAIN/LOGIN), postdesk.outbound.oauth2-token or postdesk.outbound.oauth2-token-file (XOAUTH2) too");
        }
        if (oauth2TokenFile != null && !Files.isReadable(oauth2TokenFile)) {
            throw new IllegalStateException("postdesk.outbound.oauth2-token-file: cannot read " + oauth2TokenFile);
        }
        if (hasUser && (tls == Tls.OFF || tls == Tls.OPPORTUNISTIC)) {
            throw new IllegalStateException("postdesk.outbound.tls=" + tls.name().toLowerCase(Locale.ROOT)
                    + " with postdesk.outbound.username: credentials are sent only over verified TLS, use required or implicit");
        }
        if (trustedCertificates != null && !Files.isReadable(trustedCertificates)) {
            throw new IllegalStateException("postdesk.outbound.trusted-certificates: cannot read " + trustedCertificates);
        }
    }

    public boolean configured() {
        return notBlank(host);
    }

    public Tls effectiveTls() {
        if (tls != null) {
            return tls;
        }
        if (port != null && port == 465) {
            // port 465 is SMTP over TLS from the first byte (RFC 8314)
            return Tls.IMPLICIT;
        }
        return !authenticates() && loopback(host) ? Tls.OPPORTUNISTIC : Tls.REQUIRED;
    }

    public int effectivePort() {
        return port != null ? port : effectiveTls() == Tls.IMPLICIT ? 465 : 25;
    }

    public boolean authenticates() {
        return notBlank(username);
    }

    public boolean xoauth2() {
        return notBlank(oauth2Token) || oauth2TokenFile != null;
    }

    /** The secret handed to AUTH: the password, or the OAuth2 access token (read afresh from its file). */
    String secret() throws IOException {
        if (oauth2TokenFile != null) {
            return Files.readString(oauth2TokenFile, StandardCharsets.US_ASCII).strip();
        }
        return xoauth2() ? oauth2Token : password;
    }

    /** {@code localhost} or a loopback IP literal; a name is never looked up for this. */
    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (!name.matches("[0-9.]+|\\[?[0-9a-f:.]+]?") || !name.matches(".*[.:].*")) {
            return false;
        }
        try {
            return InetAddress.getByName(name.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException notALiteral) {
            return false;
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "RelaySettings[host=" + host + ", port=" + effectivePort() + ", tls=" + effectiveTls()
                + ", auth=" + (!authenticates() ? "none" : xoauth2() ? "XOAUTH2" : "PLAIN/LOGIN") + ", trustedCertificates=" + trustedCertificates + "]";
    }
}
