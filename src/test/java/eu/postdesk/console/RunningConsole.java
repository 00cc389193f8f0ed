package eu.postdesk.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;

/** A running Postdesk with console accounts of every role (and one that has not enrolled a second factor), on a movable clock. */
@org.springframework.context.annotation.Import(RunningConsole.Time.class)
public abstract class RunningConsole extends RunningPostdesk {
    static final String AGENT = "agent.alice";
    static final String OFFICER = "privacy.pia";
    static final String ADMIN = "ops.olaf";
    static final String NEWCOMER = "new.nora";
    static final String LOCKED = "locked.lars";
    /** The ticket work and statistics tests' own accounts (a second factor is enrolled once per account and run). */
    static final String WORKER = "agent.bob";
    static final String SUPERVISOR = "super.sam";
    static final String DPO = "privacy.petra";
    /** The role changes test's own admin. */
    static final String USER_ADMIN = "ops.otto";
    static final String PASSWORD = "correct horse battery staple";
    private static final String HASH = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD);

    @DynamicPropertySource
    static void consoleUsers(DynamicPropertyRegistry registry) {
        String[][] users = {{AGENT, "agent"}, {OFFICER, "privacy-officer"}, {ADMIN, "admin"}, {NEWCOMER, "agent"}, {LOCKED, "agent"},
                {WORKER, "agent"}, {SUPERVISOR, "supervisor"}, {DPO, "privacy-officer"}, {USER_ADMIN, "admin"}};
        for (int i = 0; i < users.length; i++) {
            String[] user = users[i];
            registry.add("postdesk.console.users[" + i + "].username", () -> user[0]);
            registry.add("postdesk.console.users[" + i + "].role", () -> user[1]);
            registry.add("postdesk.console.users[" + i + "].password-hash", () -> HASH);
            if (user[0].equals(WORKER)) {
                registry.add("postdesk.console.users[" + i + "].agent", () -> AGENT1);
            }
        }
    }

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    MovableClock clock;

    String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    /** A plain HTTP request to the console, with this session cookie (or none) and this form body (or none). */
    HttpResponse<String> console(String method, String path, String session, String form, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url(path)));
        if (session != null) {
            request.header("Cookie", "POSTDESK_CONSOLE=" + session);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
