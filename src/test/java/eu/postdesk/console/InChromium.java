package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A running console and a real browser (Debian's chromium, headless) for one test class: signing
 * in, clicking through to the next page, screenshots. Skipped, saying which packages, where
 * chromium is missing.
 */
abstract class InChromium extends RunningConsole {
    /** Each account's TOTP secret, once enrolled: the accounts live as long as the (shared) server. */
    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    static Path downloads;
    static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Chromium.installed(), "needs the Debian packages chromium chromium-driver");
        downloads = Files.createTempDirectory("postdesk-downloads-");
        browser = Chromium.start(downloads);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    /** Clicks and waits for the browser to arrive at the next page (a click returns before the navigation it starts), the same address included. */
    void clickThrough(By target) {
        String before = browser.getCurrentUrl();
        long page = (Long) browser.executeScript("return window.performance.timeOrigin ? Math.floor(window.performance.timeOrigin) : 0");
        browser.findElement(target).click();
        eventually("the page after " + target, () -> {
            try {
                long now = (Long) browser.executeScript("return window.performance.timeOrigin ? Math.floor(window.performance.timeOrigin) : 0");
                return (now != page || !browser.getCurrentUrl().equals(before)) && "complete".equals(browser.executeScript("return document.readyState"));
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** Signs in from a fresh session: password, then the TOTP code (enrolling first if the account has none); lands on the role's first page. */
    void signInAs(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        clickThrough(By.id("sign-in"));
        if (browser.getCurrentUrl().endsWith("/enrol")) {
            String secret = browser.findElement(By.id("totp-secret")).getText().replace(" ", "");
            SECRETS.put(username, secret);
            browser.findElement(By.id("code")).sendKeys(Totp.code(secret, clock.instant()));
            clickThrough(By.id("confirm-code"));
        } else {
            assertThat(browser.getCurrentUrl()).endsWith("/second-factor");
            // a code is good once: the next sign-in of the same account uses the next time step
            clock.advance(Duration.ofSeconds(30));
            browser.findElement(By.id("code")).sendKeys(Totp.code(SECRETS.get(username), clock.instant()));
            clickThrough(By.id("check-code"));
        }
        assertThat(browser.getCurrentUrl()).as("an admin starts at the pipeline, the others at the tickets")
                .endsWith(ADMIN.equals(username) || USER_ADMIN.equals(username) ? "/ops/pipeline" : "/tickets");
    }

    long ticketOf(String customer, String subject, String body) throws IOException {
        deliver(customer, SUPPORT, mail(customer, subject, body));
        eventually("a ticket for " + customer, () -> !ticketsOf(customer).isEmpty());
        return ticketsOf(customer).get(0).get("number").asLong();
    }

    /** With {@code -Dpostdesk.console.screenshots=<folder>}: the page as it is now, for the docs. */
    void screenshot(String name) throws IOException {
        String folder = System.getProperty("postdesk.console.screenshots");
        if (folder != null) {
            Files.createDirectories(Path.of(folder));
            Files.write(Path.of(folder, name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        }
    }
}
