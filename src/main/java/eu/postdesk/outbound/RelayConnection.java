package eu.postdesk.outbound;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import eu.postdesk.tls.ModernTls;

/**
 * Opens the SMTP connection to the relay as {@link RelaySettings} say: STARTTLS or implicit TLS
 * with the certificate verified against the system trust store plus
 * {@code postdesk.outbound.trusted-certificates} and the host name checked, then SMTP AUTH
 * (PLAIN/LOGIN, or XOAUTH2 with a token) only over that TLS.
 */
@Component
@EnableConfigurationProperties(RelaySettings.class)
public class RelayConnection {
    private static final Logger log = LoggerFactory.getLogger(RelayConnection.class);

    private final RelaySettings settings;
    private final SSLSocketFactory verifying;
    private final SSLSocketFactory unverified;
    private final String cipherSuites;

    public RelayConnection(RelaySettings settings) {
        this.settings = settings;
        try {
            SSLContext verifyingContext = SSLContext.getInstance("TLS");
            verifyingContext.init(null, eu.postdesk.tls.TrustedCertificates.systemPlus(settings.trustedCertificates()), new SecureRandom());
            this.verifying = verifyingContext.getSocketFactory();
            SSLContext unverifiedContext = SSLContext.getInstance("TLS");
            unverifiedContext.init(null, new TrustManager[] {new OpportunisticTrust()}, new SecureRandom());
            this.unverified = unverifiedContext.getSocketFactory();
            this.cipherSuites = String.join(" ", Arrays.stream(verifying.getDefaultCipherSuites()).filter(ModernTls::current).toList());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("postdesk.outbound.trusted-certificates: " + e.getMessage(), e);
        }
        if (settings.configured()) {
            log.info("relay {}:{} with TLS {}{}", settings.host(), settings.effectivePort(),
                    settings.effectiveTls().name().toLowerCase(java.util.Locale.ROOT),
                    settings.authenticates() ? (settings.xoauth2() ? " and SMTP AUTH XOAUTH2" : " and SMTP AUTH PLAIN/LOGIN") : ", no SMTP AUTH");
        }
    }

    public RelaySettings settings() {
        return settings;
    }

    /** A mail session for one delivery with this envelope sender. */
    public Session session(String envelopeFrom) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", String.valueOf(settings.effectivePort()));
        properties.put("mail.smtp.from", envelopeFrom);
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        properties.put("mail.smtp.writetimeout", "30000");
        // the bytes sent must be the bytes DKIM signed: no re-encoding of quoted-printable parts to 8bit
        properties.put("mail.smtp.allow8bitmime", "false");
        properties.put("mail.smtp.ssl.protocols", String.join(" ", ModernTls.PROTOCOLS));
        properties.put("mail.smtp.ssl.ciphersuites", cipherSuites);
        switch (settings.effectiveTls()) {
            case OFF -> properties.put("mail.smtp.starttls.enable", "false");
            case OPPORTUNISTIC -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.ssl.socketFactory", unverified);
                properties.put("mail.smtp.ssl.checkserveridentity", "false");
            }
            case REQUIRED -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
                properties.put("mail.smtp.ssl.socketFactory", verifying);
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case IMPLICIT -> {
                properties.put("mail.smtp.ssl.enable", "true");
                properties.put("mail.smtp.ssl.socketFactory", verifying);
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        if (settings.authenticates()) {
            properties.put("mail.smtp.auth", "true");
            if (settings.xoauth2()) {
                properties.put("mail.smtp.auth.mechanisms", "XOAUTH2");
                properties.put("mail.smtp.auth.xoauth2.disable", "false");
            } else {
                properties.put("mail.smtp.auth.mechanisms", "PLAIN LOGIN");
            }
        } else {
            properties.put("mail.smtp.auth", "false");
        }
        return Session.getInstance(properties);
    }

    /** Connects (and authenticates) a transport of {@link #session}. */
    public void connect(Transport transport) throws MessagingException {
        if (settings.authenticates()) {
            String secret;
            try {
                secret = settings.secret();
            } catch (IOException e) {
                throw new MessagingException("cannot read postdesk.outbound.oauth2-token-file " + settings.oauth2TokenFile() + ": " + e.getMessage());
            }
            transport.connect(settings.host(), settings.effectivePort(), settings.username(), secret);
        } else {
            transport.connect(settings.host(), settings.effectivePort(), null, null);
        }
    }

    /** Opportunistic TLS (RFC 7435): encrypt against passive listening, without authenticating the relay. */
    private static final class OpportunisticTrust implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("the relay connection checks no clients");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
