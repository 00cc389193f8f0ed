package eu.postdesk.console;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * Failed sign-ins, per account and per address: each is recorded, and past
 * {@code postdesk.console.max-failures-per-account} (or {@code -per-address}) within
 * {@code failure-window} the next attempt is refused before any password is checked.
 */
@Component
public class SignInFailures {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PostdeskProperties.Console settings;
    private final eu.postdesk.privacy.AuditTrail trail;

    public SignInFailures(JdbcTemplate jdbc, Clock clock, PostdeskProperties properties, eu.postdesk.privacy.AuditTrail trail) {
        this.trail = trail;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.getConsole();
    }

    boolean tooMany(String username, String address) {
        Timestamp since = Timestamp.from(clock.instant().minus(settings.getFailureWindow()));
        int forAccount = jdbc.queryForObject("select count(*) from console_sign_in_failures where username = ? and at > ?", Integer.class, username, since);
        int forAddress = jdbc.queryForObject("select count(*) from console_sign_in_failures where address = ? and at > ?", Integer.class, address, since);
        return forAccount >= settings.getMaxFailuresPerAccount() || forAddress >= settings.getMaxFailuresPerAddress();
    }

    /** The one place a failed sign-in is recorded (step: password, second-factor, enrolment, sso). */
    void record(String username, String address, String step) {
        jdbc.update("insert into console_sign_in_failures (at, username, address, step) values (?, ?, ?, ?)",
                Timestamp.from(clock.instant()), username.length() > 200 ? username.substring(0, 200) : username, address, step);
        // and in the tamper-evident trail, the account and the address only as keyed hashes
        trail.record(eu.postdesk.privacy.AuditTrail.AUTHENTICATION_FAILED, null, "console", trail.person(username),
                "console sign-in refused at " + step + " from " + trail.person(address));
    }
}
