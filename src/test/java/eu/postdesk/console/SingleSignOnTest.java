package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;
import testidp.OpenIdProvider;

/**
 * Single sign-on for real: an OpenID provider (Spring Authorization Server) started by the test on
 * a loopback port; the browser signs in there and comes back to the console with the role its
 * claim maps to, or is refused when the claim maps to none or the provider reports no second
 * factor ({@code amr}).
 */
class SingleSignOnTest extends RunningPostdesk {
    private static final int CONSOLE_PORT = freePort();
    private static ConfigurableApplicationContext provider;
    private static ChromeDriver browser;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        // the provider must answer before the console starts: the console reads its discovery document at start
        provider = OpenIdProvider.start("http://127.0.0.1:" + CONSOLE_PORT + "/login/oauth2/code/idp");
        String issuer = "http://127.0.0.1:" + OpenIdProvider.port(provider);
        registry.add("server.port", () -> CONSOLE_PORT);
        registry.add("spring.security.oauth2.client.registration.idp.client-id", () -> OpenIdProvider.CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.idp.client-secret", () -> OpenIdProvider.CLIENT_SECRET);
        registry.add("spring.security.oauth2.client.registration.idp.client-name", () -> "Test provider");
        registry.add("spring.security.oauth2.client.registration.idp.scope", () -> "openid");
        registry.add("spring.security.oauth2.client.registration.idp.redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add("spring.security.oauth2.client.provider.idp.issuer-uri", () -> issuer);
        registry.add("postdesk.console.claim-roles[helpdesk-agent]", () -> "agent");
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Chromium.installed(), "needs the Debian packages chromium chromium-driver");
        browser = Chromium.start(Files.createTempDirectory("postdesk-downloads-"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (provider != null) {
            provider.close();
        }
    }

    void signInAtTheProvider(String username) {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + httpPort + "/login");
        browser.findElement(By.id("sso-idp")).click();
        eventually("the provider's sign-in page", () -> !browser.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(OpenIdProvider.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // back at the console, past the callback
        eventually("the way back to the console", () -> browser.getCurrentUrl().startsWith("http://127.0.0.1:" + httpPort + "/")
                && !browser.getCurrentUrl().contains("/login/oauth2/code/") && "complete".equals(browser.executeScript("return document.readyState")));
    }

    @Test
    void aUserWhoseClaimMapsToARoleGetsIn() {
        signInAtTheProvider("sso.sam");

        assertThat(browser.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + httpPort + "/tickets");
        assertThat(browser.findElement(By.cssSelector(".signout span")).getText()).contains("sso.sam").contains("agent");
        assertThat(browser.findElements(By.id("nav-audit"))).isEmpty();
        // the provider keeps the second factor: My security registers no passkey for such a user
        browser.get("http://127.0.0.1:" + httpPort + "/security");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("your provider keeps your second factor");
        assertThat(browser.findElements(By.id("register-passkey"))).isEmpty();
    }

    @Test
    void aUserWhoseProviderReportsNoSecondFactorIsRefused() {
        int before = jdbc.queryForObject("select count(*) from console_sign_in_failures where step = 'sso'", Integer.class);
        signInAtTheProvider("sso.paula");

        assertThat(browser.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + httpPort + "/login?ssoNoSecondFactor");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("did not report a second factor");
        browser.get("http://127.0.0.1:" + httpPort + "/tickets");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(jdbc.queryForObject("select count(*) from console_sign_in_failures where step = 'sso'", Integer.class)).isEqualTo(before + 1);
    }

    @Test
    void aUserWhoseClaimMapsToNoRoleIsRefused() {
        signInAtTheProvider("sso.stranger");

        assertThat(browser.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + httpPort + "/login?ssoRefused");
        browser.get("http://127.0.0.1:" + httpPort + "/tickets");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(jdbc.queryForObject("select count(*) from console_sign_in_failures where step = 'sso'", Integer.class)).isPositive();
    }
}
