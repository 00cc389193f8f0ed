package eu.postdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What an admin does with accounts and what it does not see: it starts at the pipeline and reads
 * no ticket; it grants the roles it may issue tokens for (never privacy-officer), changes the role
 * of an account the console created (not its own, not a configured one), every grant and change is
 * in the audit chain, and a session of a changed account ends at its next request.
 */
class ConsoleRolesTest extends RunningConsole {
    private static final String NEW_PASSWORD = "a first password of some length";

    private Visitor signedInAdmin() throws Exception {
        Visitor admin = new Visitor(url(""));
        assertThat(admin.signIn(USER_ADMIN, PASSWORD)).endsWith("/enrol");
        assertThat(admin.enrolTotp(clock.instant())).as("an admin starts at the pipeline").endsWith("/ops/pipeline");
        return admin;
    }

    private String roleOf(String username) {
        return jdbc.queryForObject("select role from console_users where username = ?", String.class, username);
    }

    private String problemAfter(Visitor admin, String path, String form) throws Exception {
        String users = admin.get("/users").body();
        var response = admin.post(path, form + "&_csrf=" + Visitor.token(users));
        assertThat(response.statusCode()).isEqualTo(302);
        return admin.get("/users").body();
    }

    @Test
    void anAdminReadsNoTicketGrantsAndChangesRolesAndEveryChangeIsAudited() throws Exception {
        Visitor admin = signedInAdmin();
        String pipeline = admin.get("/ops/pipeline").body();
        assertThat(pipeline).doesNotContain("id=\"nav-tickets\"");
        assertThat(admin.get("/tickets").statusCode()).isEqualTo(403);
        assertThat(admin.get("/tickets/1").statusCode()).isEqualTo(403);
        assertThat(admin.get("/users").body()).as("the users page names each account's second factor")
                .containsPattern("<td>" + Pattern.quote(USER_ADMIN) + "</td><td>admin</td>\\s*<td>TOTP</td>");

        assertThat(problemAfter(admin, "/users", "username=pia.new&role=privacy-officer&password=" + NEW_PASSWORD.replace(' ', '+')))
                .contains("privacy-officer accounts come from the configuration");
        assertThat(jdbc.queryForObject("select count(*) from console_users where username = 'pia.new'", Integer.class)).isZero();

        problemAfter(admin, "/users", "username=dora.new&role=agent&password=" + NEW_PASSWORD.replace(' ', '+'));
        assertThat(roleOf("dora.new")).isEqualTo("agent");
        Visitor dora = new Visitor(url(""));
        assertThat(dora.signIn("dora.new", NEW_PASSWORD)).endsWith("/enrol");
        assertThat(dora.get("/enrol").statusCode()).isEqualTo(200);

        problemAfter(admin, "/users/dora.new/role", "role=supervisor");
        assertThat(roleOf("dora.new")).isEqualTo("supervisor");
        var next = dora.get("/enrol");
        assertThat(next.statusCode()).as("the changed account's session ends").isEqualTo(302);
        assertThat(next.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?accountChanged"));

        assertThat(problemAfter(admin, "/users/dora.new/role", "role=privacy-officer")).contains("privacy-officer accounts come from the configuration");
        assertThat(problemAfter(admin, "/users/" + USER_ADMIN + "/role", "role=agent")).contains("You cannot change your own role.");
        assertThat(problemAfter(admin, "/users/" + AGENT + "/role", "role=supervisor")).contains("This account comes from the configuration");
        assertThat(roleOf("dora.new")).isEqualTo("supervisor");
        assertThat(roleOf(USER_ADMIN)).isEqualTo("admin");
        assertThat(roleOf(AGENT)).isEqualTo("agent");

        assertThat(jdbc.queryForList("select reason from audit_trail where action = 'role-change' and who = ? order by seq", String.class, "console:" + USER_ADMIN))
                .containsExactly("granted the role agent to a new console account dora.new",
                        "changed the role of console account dora.new from agent to supervisor");
    }
}
