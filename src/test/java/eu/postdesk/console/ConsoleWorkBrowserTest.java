package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.util.GreenMailUtil;

import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.TicketWork;
import eu.postdesk.tickets.Tickets;

/**
 * The console's working pages in a real browser (Debian's chromium, headless): an agent works and
 * answers a ticket, a stale edit is refused, a supervisor sees the statistics drawn, the privacy
 * officer erases a person's data and reads the signed receipt, and an agent is refused those pages.
 */
class ConsoleWorkBrowserTest extends InChromium {

    @Autowired
    Tickets tickets;
    @Autowired
    TicketWork work;

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void anAgentWorksTheTicketPageWithTheKeyboardAloneAndItStaysReadableAtTwiceTheSize() throws Exception {
        String customer = "keys@customer.example";
        long number = ticketOf(customer, "Keyboard only", "I work with the keyboard only; the mouse is broken.");
        signInAs(WORKER);
        browser.get(url("/tickets/" + number));

        // Tab from the top of the page reaches the answer box, every control on the way has a label
        browser.findElement(By.tagName("body")).click();
        String reached = null;
        for (int i = 0; i < 80 && !"answer-text".equals(reached); i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            reached = focused.getAttribute("id");
            String tag = focused.getTagName();
            if (List.of("input", "select", "textarea").contains(tag) && !"hidden".equals(focused.getAttribute("type"))) {
                String id = focused.getAttribute("id");
                assertThat(id).as("a focusable %s has an id a label names", tag).isNotBlank();
                assertThat(browser.findElements(By.cssSelector("label[for='" + id + "']")).size()
                        + (focused.getAttribute("aria-label") == null ? 0 : 1)).as("the label of %s", id).isPositive();
            }
        }
        assertThat(reached).as("Tab reaches the answer box").isEqualTo("answer-text");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("Please use the on-screen keyboard meanwhile.").perform();
        // on to the send button, and Enter sends
        for (int i = 0; i < 5 && !"send-answer".equals(browser.switchTo().activeElement().getAttribute("id")); i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("send-answer");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        eventually("the answer relayed to the customer", () -> relayedTo(customer).stream().anyMatch(m -> {
            try {
                return String.valueOf(m.getContent()).contains("on-screen keyboard");
            } catch (Exception e) {
                return false;
            }
        }));

        // at 200 % the page reflows: nothing wider than the window, the work controls still shown
        browser.get(url("/tickets/" + number));
        browser.executeScript("document.body.style.zoom = '200%'");
        long overflow = (Long) browser.executeScript("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
        assertThat(overflow).as("no horizontal scrolling at 200 %").isLessThanOrEqualTo(16);
        assertThat(browser.findElement(By.id("save-change")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("answer-text")).isDisplayed()).isTrue();
    }

    @Test
    void anAgentChangesStatusAndSeverityAndAnswersTheCustomerFromTheTicketPage() throws Exception {
        long number = ticketOf("marta@customer.example", "VPN drops every hour", "My VPN connection drops every hour since Monday.");
        signInAs(WORKER);
        browser.get(url("/tickets/" + number));
        new Select(browser.findElement(By.id("work-status"))).selectByValue("open");
        new Select(browser.findElement(By.id("work-severity"))).selectByValue("2");
        new Select(browser.findElement(By.id("work-assignee"))).selectByValue(AGENT1);
        clickThrough(By.id("save-change"));
        assertThat(text("outcome")).isEqualTo("Saved.");
        assertThat(text("ticket-status")).isEqualTo("open");
        assertThat(text("ticket-severity")).isEqualTo("2");
        var events = jdbc.queryForList("select field, new_value, actor, channel from ticket_events where ticket_id = (select id from tickets where number = ?)"
                + " and field in ('status', 'severity', 'assignee')", number);
        assertThat(events).extracting(e -> e.get("FIELD") + "=" + e.get("NEW_VALUE") + " by " + e.get("ACTOR") + " via " + e.get("CHANNEL"))
                .contains("status=open by " + AGENT1 + " via console", "severity=2 by " + AGENT1 + " via console");

        browser.get(url("/tickets?assignee=mine"));
        assertThat(browser.findElements(By.linkText("VPN drops every hour"))).hasSize(1);
        browser.get(url("/tickets?severity=4"));
        assertThat(browser.findElements(By.linkText("VPN drops every hour"))).isEmpty();
        screenshot("tickets-filtered");

        browser.get(url("/tickets/" + number));
        browser.findElement(By.id("note-text")).sendKeys("Checked the concentrator logs: keepalive timeout.");
        clickThrough(By.id("add-note"));
        assertThat(text("outcome")).isEqualTo("The note is added.");
        String answer = "Please update the VPN client to 5.2; the hourly drop is fixed there.";
        browser.findElement(By.id("answer-text")).sendKeys(answer);
        screenshot("ticket-work");
        clickThrough(By.id("send-answer"));
        assertThat(text("outcome")).isEqualTo("The answer is on its way to the customer.");
        eventually("the customer to receive the answer", () -> Arrays.stream(relay.getReceivedMessages()).anyMatch(m -> to(m, "marta@customer.example")
                && GreenMailUtil.getBody(m).contains("update the VPN client to 5.2")));
        assertThat(text("ticket-status")).isEqualTo("pending");
        assertThat(Arrays.stream(relay.getReceivedMessages()).filter(m -> to(m, "marta@customer.example"))
                .noneMatch(m -> GreenMailUtil.getBody(m).contains("concentrator logs"))).isTrue();
    }

    private static boolean to(MimeMessage m, String address) {
        try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aStaleEditIsRefusedWithTheCurrentValuesShown() throws Exception {
        long number = ticketOf("jonas@customer.example", "Mail quota full", "My mailbox says the quota is full.");
        signInAs(WORKER);
        browser.get(url("/tickets/" + number));
        String loaded = browser.findElement(By.id("version")).getAttribute("value");
        // someone else changes the ticket through another door meanwhile
        work.change(tickets.byNumber(number).orElseThrow(), new TicketWork.Change(null, null, 1, null), "agent2@corp.test", TicketChange.API);

        new Select(browser.findElement(By.id("work-severity"))).selectByValue("4");
        clickThrough(By.id("save-change"));
        assertThat(text("outcome")).contains("someone changed this ticket since you opened it");
        assertThat(text("ticket-severity")).isEqualTo("1");
        assertThat(browser.findElement(By.id("version")).getAttribute("value")).isNotEqualTo(loaded);
        assertThat(tickets.byNumber(number).orElseThrow().severity()).isEqualTo(1);
        screenshot("ticket-stale");
    }

    @Test
    void aSupervisorSeesTheStatisticsDrawnAsCharts() throws Exception {
        // enough tickets in one week that the group is not suppressed (postdesk.statistics minimum group)
        for (int i = 1; i <= 5; i++) {
            ticketOf("lena" + i + "@customer.example", "Keyboard " + i + " missing keys", "Two keys are missing from keyboard " + i + ".");
        }
        signInAs(SUPERVISOR);
        browser.findElement(By.id("nav-stats"));
        assertThat(browser.findElements(By.id("nav-erasures"))).isEmpty();
        browser.get(url("/statistics?by=week"));
        eventually("the charts to be drawn", () -> browser.findElements(By.cssSelector("#chart-volume canvas")).size() == 1);
        assertThat(browser.findElements(By.cssSelector("#charts .uplot canvas"))).hasSize(4);
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue() && !e.getMessage().contains("favicon.ico")).isEmpty();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        String week = today.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", today.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        assertThat(browser.findElement(By.id("stats-table")).getText()).contains(week);
        screenshot("statistics");

        // narrowed to one severity through the form: the same week's five tickets (all severity 3) stay, severity 1 has none
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("severity"))).selectByValue("3");
        browser.findElement(By.id("show-stats")).click();
        eventually("the narrowed page", () -> browser.getCurrentUrl().contains("severity=3"));
        assertThat(weekRow(week)).as("five or more tickets of severity 3 this week: counted").isNotEmpty().doesNotContain("suppressed");
        browser.get(url("/statistics?by=week&severity=1"));
        eventually("the page for severity 1", () -> !browser.findElements(By.id("stats-table")).isEmpty());
        // none or few of severity 1 (other tests of this class may raise one): never the five counted ones
        assertThat(weekRow(week)).satisfiesAnyOf(row -> assertThat(row).isEmpty(), row -> assertThat(row).contains("suppressed"));
        assertThat(withSession("GET", "/privacy/erasures").statusCode()).isEqualTo(403);
    }

    @Test
    void thePrivacyOfficerCreatesAndConfirmsAnErasureAndSeesTheSignedReceipt() throws Exception {
        long number = ticketOf("erik@customer.example", "Delete my account", "Please delete everything you hold about me.");
        signInAs(DPO);
        browser.get(url("/privacy/erasures"));
        browser.findElement(By.id("subjects")).sendKeys("erik@customer.example");
        browser.findElement(By.id("reason")).sendKeys("Customer's request of today, by mail");
        screenshot("erasures");
        clickThrough(By.id("preview-erasure"));
        assertThat(text("erasure-status")).isEqualTo("awaiting-confirmation");
        assertThat(text("preview-tickets")).isEqualTo(String.valueOf(number));
        assertThat(tickets.byNumber(number)).isPresent();
        screenshot("erasure-preview");
        clickThrough(By.id("confirm-erasure"));
        assertThat(text("erasure-status")).isEqualTo("done");
        assertThat(text("receipt-document")).contains(String.valueOf(number));
        assertThat(text("receipt-signature")).isNotBlank();
        assertThat(tickets.byNumber(number)).isEmpty();
        screenshot("erasure-receipt");

        browser.get(url("/privacy/retention"));
        browser.findElement(By.id("retention-preview"));
        screenshot("retention");
        browser.get(url("/privacy/audit/verify"));
        assertThat(text("verdict")).startsWith("The audit chain is intact");
    }

    @Test
    void thePrivacyOfficerPlacesAndLiftsALegalHoldAndExportsAPersonsData() throws Exception {
        long number = ticketOf("freja@customer.example", "Contract dispute", "Our lawyer will write to you about the contract.");
        signInAs(DPO);
        clickThrough(By.id("nav-retention"));
        assertThat(browser.findElement(By.id("retention-preview")).getText()).contains("What the next retention run would erase");

        browser.findElement(By.id("hold-ticket")).sendKeys(String.valueOf(number));
        browser.findElement(By.id("hold-reason")).sendKeys("Court case 12/2026");
        clickThrough(By.id("place-hold"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("The hold is placed.");
        assertThat(browser.findElement(By.id("holds")).getText()).contains("Ticket " + number, "Court case 12/2026", "console:" + DPO);
        long hold = jdbc.queryForObject("select id from legal_holds where ticket_number = ?", Long.class, number);
        screenshot("holds");

        clickThrough(By.id("lift-" + hold));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("The hold is lifted.");
        assertThat(jdbc.queryForObject("select count(*) from legal_holds where ticket_number = ?", Integer.class, number)).isZero();
        assertThat(jdbc.queryForList("select reason from audit_trail where action = 'hold' order by seq", String.class))
                .contains("legal hold " + hold + " lifted");

        int exports = jdbc.queryForObject("select count(*) from audit_trail where action = 'export'", Integer.class);
        clickThrough(By.id("nav-export"));
        browser.findElement(By.id("address")).sendKeys("freja@customer.example");
        browser.findElement(By.id("originals")).click();
        clickThrough(By.id("export"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).as("originals without a reason").isNotBlank();
        assertThat(jdbc.queryForObject("select count(*) from audit_trail where action = 'export'", Integer.class)).as("nothing exported").isEqualTo(exports);
        screenshot("export");

        // the download itself, in this browser's session, with the form's CSRF token: what the Download button posts
        String form = withSession("GET", "/privacy/export").body();
        var zip = consoleBytes("/privacy/export", "address=freja%40customer.example&_csrf=" + Visitor.token(form));
        assertThat(zip.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/zip"));
        java.util.List<String> names = new java.util.ArrayList<>();
        try (var entries = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains("tickets/" + number + ".json", "messages.mbox").noneMatch(n -> n.startsWith("originals/"));
        assertThat(jdbc.queryForObject("select count(*) from audit_trail where action = 'export'", Integer.class)).isEqualTo(exports + 1);
    }

    private java.net.http.HttpResponse<byte[]> consoleBytes(String path, String form) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Cookie", "POSTDESK_CONSOLE=" + browser.manage().getCookieNamed("POSTDESK_CONSOLE").getValue())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anAgentGetsForbiddenAndNoLinkOnTheStatisticsAndErasurePages() throws Exception {
        signInAs(WORKER);
        for (String link : List.of("nav-stats", "nav-erasures", "nav-retention", "nav-export")) {
            assertThat(browser.findElements(By.id(link))).as(link).isEmpty();
        }
        for (String page : List.of("/statistics", "/privacy/erasures", "/privacy/retention", "/privacy/export", "/privacy/audit/verify")) {
            assertThat(withSession("GET", page).statusCode()).as(page).isEqualTo(403);
        }
        assertThat(withSession("POST", "/privacy/erasures").statusCode()).isEqualTo(403);
    }

    @Test
    void anAgentWorksTheTicketsOfItsLineAndItsOwnOnly() throws Exception {
        long number = ticketOf("ola@customer.example", "Second line matter", "The database replica lags by an hour.");
        jdbc.update("update tickets set line = '2', version = version + 1 where number = ?", number);
        signInAs(WORKER);
        browser.get(url("/tickets"));
        assertThat(browser.findElement(By.id("main")).getText()).as("the list of a first-line agent").doesNotContain("Second line matter");
        assertThat(withSession("GET", "/tickets/" + number).statusCode()).isEqualTo(403);
        long version = tickets.byNumber(number).orElseThrow().version();
        var changed = console("POST", "/tickets/" + number + "/change", browser.manage().getCookieNamed("POSTDESK_CONSOLE").getValue(),
                "version=" + version + "&severity=1");
        assertThat(changed.statusCode()).isIn(302, 403);
        assertThat(tickets.byNumber(number).orElseThrow().severity()).as("nothing changed").isEqualTo(3);

        // assigned to the agent, the ticket is theirs to work whatever its line
        jdbc.update("update tickets set assignee = ?, version = version + 1 where number = ?", AGENT1, number);
        assertThat(withSession("GET", "/tickets/" + number).statusCode()).isEqualTo(200);
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        long number = ticketOf("nils@customer.example", "Screen flickers", "My screen flickers after lunch.");
        signInAs(WORKER);
        long version = tickets.byNumber(number).orElseThrow().version();
        var response = console("POST", "/tickets/" + number + "/change", browser.manage().getCookieNamed("POSTDESK_CONSOLE").getValue(),
                "version=" + version + "&severity=1&status=open");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(tickets.byNumber(number).orElseThrow().version()).isEqualTo(version);
    }

    /** The statistics table's line of this week, or "" when it has none. */
    private String weekRow(String week) {
        return browser.findElement(By.id("stats-table")).getText().lines().filter(l -> l.startsWith(week)).findFirst().orElse("");
    }

    private java.net.http.HttpResponse<String> withSession(String method, String path) throws Exception {
        return console(method, path, browser.manage().getCookieNamed("POSTDESK_CONSOLE").getValue(), method.equals("POST") ? "subjects=x%40y.z&reason=because" : null);
    }
}
