package eu.postdesk.api;

import java.net.InetAddress;
import java.util.Arrays;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

import eu.postdesk.tls.ModernTls;

/**
 * HTTPS or loopback: with an SSL bundle ({@code server.ssl.bundle}) the API speaks TLS 1.2/1.3 with
 * current cipher suites; without one it listens on loopback only (the embedded default, when no
 * {@code server.address} is set), and plain HTTP on another address stops the start unless
 * {@code postdesk.http.allow-plain-on-network=true}, which the log warns about.
 */
@Component
@EnableConfigurationProperties(HttpSettings.class)
public class HttpTransport implements WebServerFactoryCustomizer<AbstractConfigurableWebServerFactory>, Ordered {
    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);

    private final HttpSettings settings;

    public HttpTransport(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public void customize(AbstractConfigurableWebServerFactory factory) {
        Ssl ssl = factory.getSsl();
        if (Ssl.isEnabled(ssl)) {
            if (ssl.getEnabledProtocols() == null) {
                ssl.setEnabledProtocols(ModernTls.PROTOCOLS);
            }
            if (ssl.getCiphers() == null) {
                ssl.setCiphers(currentCipherSuites());
            }
            return;
        }
        InetAddress address = factory.getAddress();
        if (address == null) {
            factory.setAddress(InetAddress.getLoopbackAddress());
            log.info("HTTP API on loopback only ({}): configure an SSL bundle (server.ssl.bundle) to serve HTTPS on the network",
                    InetAddress.getLoopbackAddress().getHostAddress());
        } else if (!address.isLoopbackAddress()) {
            if (!settings.allowPlainOnNetwork()) {
                throw new IllegalStateException("server.address=" + address.getHostAddress() + " without HTTPS: configure an SSL bundle "
                        + "(server.ssl.bundle), or set postdesk.http.allow-plain-on-network=true when a TLS proxy stands in front");
            }
            log.warn("plain HTTP on {} (postdesk.http.allow-plain-on-network=true): API tokens and ticket content cross the network "
                    + "unencrypted unless a TLS proxy stands in front", address.getHostAddress());
        }
    }

    private static String[] currentCipherSuites() {
        try {
            return Arrays.stream(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()).filter(ModernTls::current).toArray(String[]::new);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getOrder() {
        // after Boot's own customizer has applied server.address and server.ssl.*
        return Ordered.LOWEST_PRECEDENCE;
    }
}
