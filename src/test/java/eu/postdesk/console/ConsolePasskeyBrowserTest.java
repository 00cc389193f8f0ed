package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Passkeys as the second factor, in Debian's chromium with Selenium's virtual authenticator (a
 * CTAP2 key holding resident credentials, user verified). WebAuthn needs a secure context:
 * {@code http://localhost} is one (127.0.0.1 is not), and localhost is the default relying party id.
 */
class ConsolePasskeyBrowserTest extends InChromium {
    private VirtualAuthenticator authenticator;

    @Autowired
    ConsoleUsers users;

    @AfterEach
    void forgetFailures() {
        // failures count within postdesk.console.failure-window: move past it, so no other test is locked out
        clock.advance(java.time.Duration.ofMinutes(16));
    }

    @AfterEach
    void removeTheAuthenticator() {
        if (authenticator != null) {
            browser.removeVirtualAuthenticator(authenticator);
            authenticator = null;
        }
    }

    /** A new security key in the browser, empty; the one before (and its passkeys) gone. */
    void newAuthenticator() {
        removeTheAuthenticator();
        authenticator = browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
    }

    String local(String path) {
        return "http://localhost:" + httpPort + path;
    }

    /** A new account, created as an admin would; it has no second factor yet. */
    String newAccount(String username) {
        users.create(username, "agent", PASSWORD, new ConsoleUser("test", "admin", "console"));
        return username;
    }

    void password(String username) {
        browser.manage().deleteAllCookies();
        browser.get(local("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        clickThrough(By.id("sign-in"));
    }

    /** Password, then a passkey registered at enrolment instead of a TOTP secret. */
    void enrolAPasskey(String username, String label) throws IOException {
        enrolAPasskey(username, label, false);
    }

    void enrolAPasskey(String username, String label, boolean screenshotOfEnrolment) throws IOException {
        password(username);
        assertThat(browser.getCurrentUrl()).endsWith("/enrol");
        WebElement name = browser.findElement(By.id("passkey-label"));
        name.clear();
        name.sendKeys(label);
        if (screenshotOfEnrolment) {
            browser.executeScript("arguments[0].scrollIntoView({block: 'end'})", browser.findElement(By.id("register-passkey")));
            screenshot("enrol-passkey");
        }
        clickThrough(By.id("register-passkey"));
        assertThat(browser.getCurrentUrl()).endsWith("/tickets");
    }

    int passkeysOf(String username) {
        return jdbc.queryForObject("select count(*) from user_credentials c join user_entities e on e.id = c.user_entity_user_id where e.name = ?",
                Integer.class, username);
    }

    int passkeyFailuresOf(String username) {
        return jdbc.queryForObject("select count(*) from console_sign_in_failures where username = ? and step = 'passkey'", Integer.class, username);
    }

    @Test
    void aNewAccountEnrolsAPasskeyInsteadOfTotpSignsOutAndSignsInWithPasswordAndPasskey() throws Exception {
        String paula = newAccount("pass.paula");
        newAuthenticator();
        clock.advance(java.time.Duration.ofMinutes(10)); // the server's clock, no longer the system's

        enrolAPasskey(paula, "Paula's laptop", true);
        assertThat(passkeysOf(paula)).isEqualTo(1);
        java.time.Instant created = jdbc.queryForObject("select c.created from user_credentials c join user_entities e on e.id = c.user_entity_user_id"
                + " where e.name = ?", java.sql.Timestamp.class, paula).toInstant();
        assertThat(java.time.Duration.between(created, clock.instant()).abs()).as("created on the server's clock").isLessThan(java.time.Duration.ofMinutes(1));
        assertThat(users.find(paula).orElseThrow().totp()).as("no TOTP secret was kept").isFalse();
        assertThat(authenticator.getCredentials()).hasSize(1);
        clickThrough(By.cssSelector("form.signout button"));
        assertThat(browser.getCurrentUrl()).contains("/login");

        password(paula);
        assertThat(browser.getCurrentUrl()).endsWith("/second-factor");
        assertThat(browser.findElements(By.id("code"))).as("an account with only a passkey is not asked for a code").isEmpty();
        screenshot("second-factor-passkey");
        clickThrough(By.id("use-passkey"));
        assertThat(browser.getCurrentUrl()).endsWith("/tickets");
        assertThat(browser.findElement(By.tagName("header")).getText()).contains(paula);

        browser.get(local("/security"));
        WebElement row = browser.findElement(By.xpath("//table[@id='passkeys']//tr[td[@class='label' and text()=\"Paula's laptop\"]]"));
        assertThat(row.findElement(By.className("created")).getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
        screenshot("security");
    }

    @Test
    void theSecurityPageAddsAndRemovesPasskeysButKeepsTheLastSecondFactor() throws Exception {
        String rita = newAccount("pass.rita");
        newAuthenticator();
        enrolAPasskey(rita, "Desk key");

        browser.get(local("/security"));
        clickThrough(By.id("remove-passkey-0"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("This is the account's only second factor");
        assertThat(passkeysOf(rita)).isEqualTo(1);

        newAuthenticator();
        WebElement name = browser.findElement(By.id("passkey-label"));
        name.clear();
        name.sendKeys("Spare key");
        clickThrough(By.id("register-passkey"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("The passkey was added.");
        assertThat(browser.findElements(By.cssSelector("#passkeys td.label"))).extracting(WebElement::getText).containsExactlyInAnyOrder("Desk key", "Spare key");

        browser.findElement(By.xpath("//tr[td[@class='label' and text()='Desk key']]//button")).click();
        eventually("the removal", () -> browser.getCurrentUrl().endsWith("/security?removed"));
        assertThat(browser.findElements(By.cssSelector("#passkeys td.label"))).extracting(WebElement::getText).containsExactly("Spare key");

        // the key that is left still signs in
        password(rita);
        clickThrough(By.id("use-passkey"));
        assertThat(browser.getCurrentUrl()).endsWith("/tickets");
    }

    @Test
    void anotherAccountsPasskeyIsRefusedAfterThePasswordAndTheRefusalCounts() throws Exception {
        String xavier = newAccount("pass.xavier");
        String yara = newAccount("pass.yara");
        newAuthenticator();
        enrolAPasskey(xavier, "Xavier's key");
        newAuthenticator();
        enrolAPasskey(yara, "Yara's key");
        // the browser now holds Yara's passkey only

        password(xavier);
        assertThat(browser.getCurrentUrl()).endsWith("/second-factor");
        clickThrough(By.id("use-passkey"));

        assertThat(browser.getCurrentUrl()).endsWith("/second-factor?passkeyError");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("That passkey does not belong to this account");
        assertThat(passkeyFailuresOf(xavier)).isEqualTo(1);
        browser.get(local("/tickets"));
        assertThat(browser.getCurrentUrl()).as("the session is still password-only").endsWith("/second-factor");

        // the same passkey after its own account's password gets in: the refusal was the account
        password(yara);
        clickThrough(By.id("use-passkey"));
        assertThat(browser.getCurrentUrl()).endsWith("/tickets");
        assertThat(passkeyFailuresOf(yara)).isZero();
    }

    @Test
    void aPasswordOnlySessionOfAnEnrolledAccountCannotReachTheRegistration() throws Exception {
        String sam = newAccount("pass.sam");
        newAuthenticator();
        enrolAPasskey(sam, "Sam's key");
        String tina = newAccount("pass.tina");
        users.enrol(tina, Totp.newSecret());

        for (String account : List.of(sam, tina)) {
            // in the browser: the password alone leads to the second factor, never to a registration
            password(account);
            assertThat(browser.getCurrentUrl()).endsWith("/second-factor");
            for (String page : List.of("/enrol", "/security")) {
                browser.get(local(page));
                assertThat(browser.getCurrentUrl()).as(page).endsWith("/second-factor");
                assertThat(browser.findElements(By.id("register-passkey"))).isEmpty();
            }

            // what a script with the stolen password would try, with the session's CSRF token
            Visitor thief = new Visitor(local(""));
            assertThat(thief.signIn(account, PASSWORD)).endsWith("/second-factor");
            String token = Visitor.token(thief.get("/second-factor").body());
            int before = passkeysOf(account);
            assertThat(thief.post("/enrol/passkey/options", "_csrf=" + token).statusCode()).as("enrolment options").isEqualTo(403);
            assertThat(thief.post("/enrol/passkey", "_csrf=" + token).statusCode()).as("enrolment").isEqualTo(403);
            var addition = thief.post("/security/passkeys/options", "_csrf=" + token);
            assertThat(addition.statusCode()).as("my security's options").isEqualTo(302);
            assertThat(addition.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/second-factor"));
            assertThat(thief.post("/security/passkeys", "_csrf=" + token).statusCode()).isEqualTo(302);
            assertThat(passkeysOf(account)).isEqualTo(before);
            assertThat(jdbc.queryForObject("select count(*) from user_entities where name = ?", Integer.class, account))
                    .as("not even a user entity was made for the password-only session").isEqualTo(before == 0 ? 0 : 1);
        }
    }
}
