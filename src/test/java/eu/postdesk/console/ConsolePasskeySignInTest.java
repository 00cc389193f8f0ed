package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The passkey step over plain HTTP, as a script would try it: the options name no credential, and
 * answers that are not the account's passkey are recorded and lock the account as wrong codes do.
 */
class ConsolePasskeySignInTest extends RunningConsole {
    @Autowired
    ConsoleUsers users;

    @AfterEach
    void forgetFailures() {
        clock.advance(Duration.ofMinutes(16));
    }

    int passkeyFailuresOf(String username) {
        return jdbc.queryForObject("select count(*) from console_sign_in_failures where username = ? and step = 'passkey'", Integer.class, username);
    }

    @Test
    void refusedPasskeysCountTowardTheAccountsLimitAndLockItForCodesToo() throws Exception {
        String lena = "pass.lena";
        users.create(lena, "agent", PASSWORD, new ConsoleUser("test", "admin", "console"));
        String secret = Totp.newSecret();
        users.enrol(lena, secret);
        Visitor visitor = new Visitor(url(""));
        assertThat(visitor.signIn(lena, PASSWORD)).endsWith("/second-factor");
        String token = "_csrf=" + Visitor.token(visitor.get("/second-factor").body());

        for (int i = 0; i < 5; i++) {
            var options = visitor.post("/second-factor/passkey/options", token);
            assertThat(options.statusCode()).isEqualTo(200);
            assertThat(options.body()).contains("\"challenge\"", "\"rpId\":\"localhost\"").doesNotContain("\"id\":");
            var answer = visitor.post("/second-factor/passkey", token);
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).isEqualTo("{\"redirect\":\"/second-factor?passkeyError\"}");
        }
        assertThat(passkeyFailuresOf(lena)).isEqualTo(5);

        var locked = visitor.post("/second-factor/passkey", token);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("/second-factor?locked");
        var code = visitor.post("/second-factor", "code=" + Totp.code(secret, clock.instant()) + "&" + token);
        assertThat(code.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/second-factor?locked"));
        assertThat(visitor.get("/tickets").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/second-factor"));
    }
}
