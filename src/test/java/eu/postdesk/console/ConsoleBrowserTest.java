package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;


/**
 * The console in a real browser: Debian's chromium, headless, signs in with a password and a TOTP
 * code the test computes, reads tickets, reveals an original, and is refused what its role may not
 * see; hostile HTML in a ticket runs nothing.
 */
class ConsoleBrowserTest extends InChromium {

    HttpResponse<String> withSession(String method, String path, String form) throws Exception {
        return console(method, path, browser.manage().getCookieNamed("POSTDESK_CONSOLE").getValue(), form);
    }

    @Test
    void anAgentSignsInWithPasswordAndTotpAndReadsATicket() throws Exception {
        long number = ticketOf("kasia@customer.example", "Printer on floor 3 jams", "The printer on floor 3 jams on every second page.");
        signInAs(AGENT);
        browser.manage().deleteAllCookies();
        signInAs(AGENT);

        clickThrough(By.linkText("Printer on floor 3 jams"));
        assertThat(browser.getCurrentUrl()).endsWith("/tickets/" + number);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("The printer on floor 3 jams on every second page.");
        screenshot("ticket");
        browser.get(url("/tickets"));
        screenshot("tickets");
    }

    @Test
    void aUserWithoutTheSecondFactorReachesOnlyEnrolment() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        screenshot("sign-in");
        browser.findElement(By.id("username")).sendKeys(NEWCOMER);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        clickThrough(By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).endsWith("/enrol");
        assertThat(browser.findElement(By.id("totp-secret")).getText()).isNotBlank();
        WebElement qr = browser.findElement(By.cssSelector("img[src$='/enrol/qr.png']"));
        assertThat(((Number) browser.executeScript("return arguments[0].naturalWidth", qr)).intValue()).isEqualTo(240);
        screenshot("enrol");

        for (String page : List.of("/tickets", "/privacy/audit", "/ops/pipeline", "/users", "/second-factor")) {
            browser.get(url(page));
            assertThat(browser.getCurrentUrl()).as(page).endsWith("/enrol");
        }
        assertThat(withSession("GET", "/tickets", null).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/enrol"));
    }

    @Test
    void thePrivacyOfficerRevealsAnOriginalWithAReasonAndFindsItInTheAuditView() throws Exception {
        long number = ticketOf("piotr@customer.example", "Invoice 2291 question", "My card is 4111 1111 1111 1111, why was it charged twice?");
        long message = ticket(number).get("messages").get(0).get("id").asLong();
        signInAs(OFFICER);
        browser.findElement(By.id("nav-reveal"));
        browser.get(url("/tickets/" + number));
        clickThrough(By.cssSelector(".reveal-link"));
        assertThat(browser.findElement(By.id("message")).getAttribute("value")).isEqualTo(String.valueOf(message));
        String reason = "Customer disputes the double charge, case 2291";
        browser.findElement(By.id("reason")).sendKeys(reason);
        screenshot("reveal");
        browser.findElement(By.id("reveal")).click();
        eventually("the original to be downloaded", () -> Files.exists(downloads.resolve("message-" + message + ".eml")));
        assertThat(Files.readString(downloads.resolve("message-" + message + ".eml"))).contains("4111 1111 1111 1111");

        browser.get(url("/privacy/audit"));
        WebElement row = browser.findElement(By.xpath("//table[@id='audit']//tr[td[@class='reason' and text()='" + reason + "']]"));
        assertThat(row.getText()).contains("console:" + OFFICER).contains("privacy-officer").contains(String.valueOf(message));
        screenshot("audit");
    }

    @Test
    void anAgentGetsForbiddenAndNoLinkOnPrivacyAndOperatorPages() throws Exception {
        signInAs(AGENT);
        assertThat(browser.findElements(By.id("nav-reveal"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-audit"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-pipeline"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("a[href*='/privacy/']"))).isEmpty();
        browser.get(url("/privacy/audit"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not for your role");
        for (String page : List.of("/privacy/audit", "/privacy/reveal", "/ops/pipeline", "/ops/chain", "/users")) {
            assertThat(withSession("GET", page, null).statusCode()).as(page).isEqualTo(403);
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenFails() throws Exception {
        long number = ticketOf("olga@customer.example", "Lost badge", "I lost my badge yesterday.");
        long message = ticket(number).get("messages").get(0).get("id").asLong();
        signInAs(OFFICER);
        int before = jdbc.queryForObject("select count(*) from privacy_audit", Integer.class);

        var response = withSession("POST", "/privacy/reveal", "message=" + message + "&reason=no+token+but+a+long+enough+reason");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("Lost badge");
        assertThat(jdbc.queryForObject("select count(*) from privacy_audit", Integer.class)).isEqualTo(before);
        // the same session with its token gets through: the refusal was the missing token
        assertThat(withSession("GET", "/privacy/reveal", null).statusCode()).isEqualTo(200);
    }

    @Test
    void hostileHtmlInATicketRunsNothing() throws Exception {
        Path corpus = Path.of("../../shared/acceptance/031-html-scripts-and-crlf-subject/01.eml");
        byte[] hostile = Files.exists(corpus) ? Files.readAllBytes(corpus) : resource("scripts-and-crlf-subject.eml");
        deliver("maja.strand@strands-kiosk.example", SUPPORT, hostile);
        String evasion = new String(resource("/xss/owasp-filter-evasion.html"), java.nio.charset.StandardCharsets.UTF_8);
        deliver("eve@evasion.example", SUPPORT, "From: \"<script>alert('XSS-MARKER')</script>\" <eve@evasion.example>\r\nTo: " + SUPPORT
                + "\r\nSubject: <img src=x onerror=alert('XSS-MARKER')> evasion\r\nMessage-ID: <evasion@evasion.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + evasion + "\r\n");
        eventually("both hostile tickets", () -> !ticketsOf("maja.strand@strands-kiosk.example").isEmpty() && !ticketsOf("eve@evasion.example").isEmpty());
        signInAs(AGENT);

        for (var entry : Map.of("maja.strand@strands-kiosk.example", "WK-404", "eve@evasion.example", "EV-777").entrySet()) {
            long number = ticketsOf(entry.getKey()).get(0).get("number").asLong();
            browser.get(url("/tickets/" + number));
            WebElement frame = browser.findElement(By.cssSelector("iframe.message-html"));
            assertThat(frame.getAttribute("sandbox")).isEmpty();
            // each layer on its own: the sanitiser left nothing active in what the frame shows, whatever the sandbox would stop
            org.jsoup.nodes.Document shown = org.jsoup.Jsoup.parse(frame.getAttribute("srcdoc"));
            assertThat(shown.select("script, iframe, frame, object, embed, applet, form, base, link[rel=import], meta[http-equiv], svg script"))
                    .as("active elements left in ticket %d", number).isEmpty();
            assertThat(shown.getAllElements()).as("event handlers left in ticket %d", number)
                    .noneMatch(e -> e.attributes().asList().stream().anyMatch(a -> a.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("on")));
            assertThat(shown.select("[href], [src], [action], [formaction], [xlink:href]")).as("script addresses left in ticket %d", number)
                    .noneMatch(e -> e.attributes().asList().stream().anyMatch(a -> a.getValue().replaceAll("[\\s\\x00-\\x1f]", "")
                            .toLowerCase(java.util.Locale.ROOT).matches("(javascript|vbscript|data:text/html).*")));
            // the positive event: the message's own text has rendered inside the sandboxed frame
            browser.switchTo().frame(frame);
            eventually("the message to render", () -> browser.findElement(By.tagName("body")).getText().contains(entry.getValue()));
            browser.switchTo().defaultContent();
            assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
            List<LogEntry> logs = browser.manage().logs().get(LogType.BROWSER).getAll();
            assertThat(logs).noneMatch(e -> e.getMessage().contains("XSS-MARKER"));
            assertThat(browser.executeScript("return document.title")).asString().doesNotContain("XSS");
        }
    }

    @Test
    void remoteImagesArePlaceholdersUntilTheAgentAsksForThatMessage() throws Exception {
        var hits = new java.util.concurrent.atomic.AtomicInteger();
        byte[] png = browserPng();
        var images = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        images.createContext("/logo.png", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        images.start();
        try {
            String html = "<html><body><p>Our logo IMG-555 looks wrong on the invoice.</p><img src=\"http://127.0.0.1:" + images.getAddress().getPort()
                    + "/logo.png\" width=\"120\" height=\"40\" alt=\"company logo\"></body></html>";
            deliver("ines@images.example", SUPPORT, "From: ines@images.example\r\nTo: " + SUPPORT + "\r\nSubject: Logo on the invoice\r\n"
                    + "Message-ID: <logo@images.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html + "\r\n");
            eventually("a ticket for the logo mail", () -> !ticketsOf("ines@images.example").isEmpty());
            long number = ticketsOf("ines@images.example").get(0).get("number").asLong();
            signInAs(AGENT);
            browser.get(url("/tickets/" + number));

            browser.switchTo().frame(browser.findElement(By.cssSelector("iframe.message-html")));
            eventually("the message to render", () -> browser.findElement(By.tagName("body")).getText().contains("IMG-555"));
            WebElement held = browser.findElement(By.tagName("img"));
            assertThat(held.getAttribute("src")).isNullOrEmpty();
            assertThat(held.getAttribute("alt")).isEqualTo("[company logo]");
            browser.switchTo().defaultContent();
            assertThat(hits.get()).isZero();
            assertThat(browser.findElement(By.cssSelector(".warning")).getText()).contains("Remote images are held back");
            screenshot("ticket-images-held");

            clickThrough(By.cssSelector("a.show-images"));
            eventually("the agent's browser to fetch the image", () -> hits.get() == 1);
            assertThat(browser.findElement(By.cssSelector(".warning")).getText()).contains("the sender can tell");
        } finally {
            images.stop(0);
        }
    }

    private static byte[] browserPng() throws IOException {
        var image = new java.awt.image.BufferedImage(120, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void anAdminSeesThePipelineTheChainAndCreatesAUserWhoMustEnrol() throws Exception {
        deliver("noise@lists.example", SUPPORT, mail("noise@lists.example", "Out of office", "I am away.", "Auto-Submitted: auto-replied"));
        awaitSpoolSettled();
        signInAs(ADMIN); // an admin's first page is the pipeline
        assertThat(browser.findElements(By.id("nav-tickets"))).as("no ticket link for an admin").isEmpty();
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Messages spooled", "Quarantine", "Dropped mail", "noise@lists.example", "auto-reply");
        screenshot("pipeline");
        clickThrough(By.id("nav-chain"));
        assertThat(browser.findElement(By.cssSelector("pre.chain")).getText()).contains("<mailet");
        assertThat(browser.findElements(By.cssSelector("form"))).hasSize(1); // sign-out only: the chain is read-only
        screenshot("chain");

        clickThrough(By.id("nav-users"));
        browser.findElement(By.id("new-username")).sendKeys("carol.new");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("new-role"))).selectByValue("agent");
        browser.findElement(By.id("new-password")).sendKeys("a first password of some length");
        browser.findElement(By.id("create-user")).click();
        eventually("the account to be created", () -> !browser.findElements(By.cssSelector(".note")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".note")).getText()).contains("carol.new");
        screenshot("users");
        assertThat(jdbc.queryForObject("select created_by from console_users where username = 'carol.new'", String.class)).isEqualTo("console:" + ADMIN);

        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("carol.new");
        browser.findElement(By.id("password")).sendKeys("a first password of some length");
        clickThrough(By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).endsWith("/enrol");
    }

    @Test
    void attachmentsShowTheirFateRedactedCopiesDownloadAndQuarantinedOnesAreNamedWithTheReason() throws Exception {
        deliver("customer@example.de", SUPPORT, resource("txt-and-png-attachments.eml"));
        Path quarantining = Path.of("../../shared/acceptance/030-zip-exe-and-encrypted-zip/01.eml");
        if (Files.exists(quarantining)) {
            deliver("lars.juhl@juhl-tryk.example", SUPPORT, Files.readAllBytes(quarantining));
        }
        awaitSpoolSettled();
        long redacted = jdbc.queryForObject("select t.number from tickets t join messages m on m.ticket_id = t.id join attachments a on a.message_id = m.id "
                + "where a.name = 'zugang.txt'", Long.class);
        signInAs(AGENT);
        browser.get(url("/tickets/" + redacted));
        String listed = browser.findElement(By.cssSelector(".message section")).getText();
        assertThat(listed).contains("zugang.txt", "redacted copy", "fehlermeldung.png", "as received");
        String href = browser.findElement(By.linkText("zugang.txt")).getAttribute("href");
        var download = withSession("GET", URI.create(href).getPath(), null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));

        if (Files.exists(quarantining)) {
            long held = ticketsOf("lars.juhl@juhl-tryk.example").get(0).get("number").asLong();
            browser.get(url("/tickets/" + held));
            String heldList = browser.findElement(By.cssSelector(".message section")).getText();
            assertThat(heldList).contains("opdatering.zip", "rapport_JT-3310.zip", "kept back, only in the sealed original:");
            assertThat(browser.findElements(By.linkText("opdatering.zip"))).isEmpty();
            long id = jdbc.queryForObject("select id from attachments where name = 'opdatering.zip'", Long.class);
            assertThat(withSession("GET", "/attachments/" + id, null).statusCode()).isEqualTo(409);
            browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.cssSelector(".message section")));
            screenshot("ticket-attachments");
        }
    }
}
