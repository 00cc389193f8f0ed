package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signing in over plain HTTP, as a script would try it: a password alone reaches no page, failed
 * attempts are recorded and lock the account and the address for a while, the console's answers
 * carry its strict headers and cookie, speak Polish when asked, and a console session opens no API.
 */
class ConsoleSignInTest extends RunningConsole {
    @AfterEach
    void forgetFailures() {
        // failures count within postdesk.console.failure-window: move past it, so no other test is locked out
        clock.advance(Duration.ofMinutes(16));
    }

    int failuresOf(String username) {
        return jdbc.queryForObject("select count(*) from console_sign_in_failures where username = ?", Integer.class, username);
    }

    @Test
    void aPasswordAloneReachesNoPageButEnrolment() throws Exception {
        Visitor visitor = new Visitor(url(""));
        assertThat(visitor.signIn(NEWCOMER, PASSWORD)).endsWith("/enrol");
        for (String page : new String[] {"/tickets", "/tickets/1", "/privacy/audit", "/ops/pipeline", "/users", "/attachments/1"}) {
            var response = visitor.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page).hasValueSatisfying(l -> assertThat(l).endsWith("/enrol"));
        }
        assertThat(visitor.get("/enrol").body()).contains("id=\"totp-secret\"");
        assertThat(visitor.get("/enrol/qr.png").headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void failedPasswordsAreRecordedAndLockTheAccountEvenForTheRightOne() throws Exception {
        int before = failuresOf(LOCKED);
        for (int i = 0; i < 5; i++) {
            assertThat(new Visitor(url("")).signIn(LOCKED, "wrong password " + i)).endsWith("/login?error");
        }
        assertThat(failuresOf(LOCKED)).isEqualTo(before + 5);

        assertThat(new Visitor(url("")).signIn(LOCKED, PASSWORD)).endsWith("/login?locked");
        clock.advance(Duration.ofMinutes(16));
        assertThat(new Visitor(url("")).signIn(LOCKED, PASSWORD)).endsWith("/enrol");
    }

    @Test
    void failuresFromOneAddressLockItForEveryAccount() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(new Visitor(url("")).signIn("nobody" + i, "guess " + i)).endsWith("/login?error");
        }
        assertThat(new Visitor(url("")).signIn(NEWCOMER, PASSWORD)).endsWith("/login?locked");
    }

    @Test
    void theConsoleAnswersWithItsStrictHeadersAndCookie() throws Exception {
        var response = new Visitor(url("")).get("/login");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "form-action 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:"));
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("POSTDESK_CONSOLE=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(response.body()).doesNotContain("<script", "style=\"", "http://", "https://");
    }

    @Test
    void theConsoleSpeaksPolishWhenAsked() throws Exception {
        assertThat(new Visitor(url("")).get("/login", "Accept-Language", "pl-PL,pl;q=0.9").body()).contains("Zaloguj się", "Hasło", "lang=\"pl\"");
        assertThat(new Visitor(url("")).get("/login", "Accept-Language", "en").body()).contains("Sign in", "Password", "lang=\"en\"");
    }

    @Test
    void aConsoleSessionOpensNoApiAndTheApiKeepsItsTokens() throws Exception {
        Visitor visitor = new Visitor(url(""));
        visitor.signIn(NEWCOMER, PASSWORD);
        var response = visitor.get("/api/tickets");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"correlationId\"");
        assertThat(call("/tickets", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        // and an API token opens no console page
        var page = new Visitor(url("")).get("/tickets", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
