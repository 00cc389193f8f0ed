package eu.postdesk.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import eu.postdesk.outbound.RelaySettings.Tls;

class RelaySettingsTest {

    @Test
    void aRelayOnTheNetworkRequiresTlsByDefault() {
        assertThat(new RelaySettings("smtp.example.com", null, null, null, null, null, null, null).effectiveTls()).isEqualTo(Tls.REQUIRED);
    }

    @Test
    void aLoopbackRelayWithoutCredentialsIsOpportunisticByDefault() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
            assertThat(new RelaySettings(host, 2525, null, null, null, null, null, null).effectiveTls()).as(host).isEqualTo(Tls.OPPORTUNISTIC);
        }
        assertThat(new RelaySettings("127.0.0.1", 587, null, "user", "pw", null, null, null).effectiveTls()).isEqualTo(Tls.REQUIRED);
    }

    @Test
    void implicitTlsAndPort465GoTogetherByDefault() {
        assertThat(new RelaySettings("smtp.example.com", null, Tls.IMPLICIT, null, null, null, null, null).effectivePort()).isEqualTo(465);
        assertThat(new RelaySettings("smtp.example.com", null, Tls.REQUIRED, null, null, null, null, null).effectivePort()).isEqualTo(25);
        assertThat(new RelaySettings("smtp.example.com", 465, null, null, null, null, null, null).effectiveTls()).isEqualTo(Tls.IMPLICIT);
    }

    @Test
    void credentialsWithoutVerifiedTlsStopTheStartNamingTheProperty() {
        assertThatThrownBy(() -> new RelaySettings("smtp.example.com", 587, Tls.OPPORTUNISTIC, "user", "pw", null, null, null))
                .hasMessageContaining("postdesk.outbound.tls=opportunistic");
        assertThatThrownBy(() -> new RelaySettings("smtp.example.com", 587, Tls.OFF, "user", "pw", null, null, null))
                .hasMessageContaining("postdesk.outbound.tls=off");
        assertThatThrownBy(() -> new RelaySettings("smtp.example.com", 587, null, null, "pw", null, null, null))
                .hasMessageContaining("postdesk.outbound.username");
        assertThatThrownBy(() -> new RelaySettings("smtp.example.com", 587, null, "user", "pw", "token", null, null))
                .hasMessageContaining("postdesk.outbound.oauth2-token");
    }

    @Test
    void toStringNeverShowsASecret() {
        assertThat(new RelaySettings("smtp.example.com", 587, null, "user", "s3cret-pw", null, null, null).toString()).doesNotContain("s3cret-pw");
        assertThat(new RelaySettings("smtp.example.com", 587, null, "user", null, "ya29.token", null, null).toString()).doesNotContain("ya29.token");
    }
}
