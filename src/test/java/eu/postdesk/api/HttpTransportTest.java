package eu.postdesk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;

class HttpTransportTest {
    private static final HttpSettings STRICT = new HttpSettings(false, Duration.ofDays(365));

    @Test
    void withoutHttpsTheApiListensOnLoopbackOnly() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new HttpTransport(STRICT).customize(factory);
        assertThat(factory.getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void plainHttpOnTheNetworkStopsTheStartNamingTheProperties() throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.setAddress(InetAddress.getByName("0.0.0.0"));
        assertThatThrownBy(() -> new HttpTransport(STRICT).customize(factory))
                .hasMessageContaining("server.ssl.bundle").hasMessageContaining("postdesk.http.allow-plain-on-network");
    }

    @Test
    void anOperatorMayAllowPlainHttpOnTheNetwork() throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.setAddress(InetAddress.getByName("0.0.0.0"));
        new HttpTransport(new HttpSettings(true, Duration.ofDays(365))).customize(factory);
        assertThat(factory.getAddress().getHostAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void httpsSpeaksTls12And13OnlyWithCurrentCiphers() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.setSsl(Ssl.forBundle("api"));
        new HttpTransport(STRICT).customize(factory);
        assertThat(factory.getSsl().getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(factory.getSsl().getCiphers()).isNotEmpty().noneMatch(c -> c.contains("CBC") || c.startsWith("TLS_RSA_") || c.contains("_DSS_"));
        assertThat(factory.getAddress()).isNull();
    }
}
