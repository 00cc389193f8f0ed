package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The passkeys' relying party is checked at start: a bad rp-id or origin stops it, naming the property. */
class PasskeySettingsTest {

    static PostdeskProperties.Console.Passkeys passkeys(String rpId, String... origins) {
        var passkeys = new PostdeskProperties.Console.Passkeys();
        passkeys.setRpId(rpId);
        passkeys.setAllowedOrigins(List.of(origins));
        return passkeys;
    }

    @Test
    void localhostWithoutOriginsIsTheDefaultAndGood() {
        assertThatCode(() -> new PostdeskProperties.Console.Passkeys().validate()).doesNotThrowAnyException();
    }

    @Test
    void aHostNameWithItsHttpsOriginsIsGood() {
        assertThatCode(() -> passkeys("helpdesk.example.com", "https://helpdesk.example.com", "https://eu.helpdesk.example.com:8443").validate())
                .doesNotThrowAnyException();
    }

    @Test
    void anRpIdWithASchemeOrPortStopsTheStart() {
        for (String rpId : new String[] {"https://helpdesk.example.com", "helpdesk.example.com:8443", "", "helpdesk example"}) {
            assertThatThrownBy(() -> passkeys(rpId).validate()).as(rpId).hasMessageContaining("postdesk.console.passkeys.rp-id");
        }
    }

    @Test
    void anOriginOutsideTheRpIdOrWithoutTlsStopsTheStart() {
        for (String origin : new String[] {"https://evil.example.net", "http://helpdesk.example.com", "https://helpdesk.example.com/console",
                "https://nothelpdesk.example.com"}) {
            assertThatThrownBy(() -> passkeys("helpdesk.example.com", origin).validate()).as(origin)
                    .hasMessageContaining("postdesk.console.passkeys.allowed-origins");
        }
    }
}
