package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;

/** {@code postdesk.console.allowed-networks}: the console refuses other addresses; the API is not limited by it. */
class ConsoleNetworksTest extends RunningPostdesk {
    @DynamicPropertySource
    static void onlyTheOfficeNetwork(DynamicPropertyRegistry registry) {
        registry.add("postdesk.console.allowed-networks[0]", () -> "10.20.0.0/16");
        registry.add("postdesk.console.allowed-networks[1]", () -> "fd00::/8");
    }

    @Test
    void anAddressOutsideTheAllowedNetworksGetsNoConsolePage() throws Exception {
        for (String page : new String[] {"/login", "/tickets", "/css/console.css"}) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + page)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isEqualTo(403);
        }
        assertThat(call("/tickets", ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }
}
