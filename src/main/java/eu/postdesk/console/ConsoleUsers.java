package eu.postdesk.console;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.api.ApiTokens;
import eu.postdesk.privacy.AuditTrail;
import eu.postdesk.privacy.MasterKey;

/**
 * The console's accounts: configured ones ({@code postdesk.console.users[i]}, brought in at every
 * start) and those an admin creates. Passwords are kept as bcrypt or Argon2 hashes; the TOTP secret
 * sealed (AES-GCM) with a key derived from the master key, so a copy of the database alone does not
 * give the second factor away. Roles are granted as API tokens are ({@link ApiTokens#mayIssue}: an
 * admin grants admin, agent and supervisor, never privacy-officer); every grant and change of a
 * role, by an admin or by the configuration, is an {@link AuditTrail#ROLE_CHANGE} record.
 */
@Component
public class ConsoleUsers {
    private static final Logger log = LoggerFactory.getLogger(ConsoleUsers.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code enrolled}: the account has a second factor, a TOTP secret ({@code totp}) or one of its {@code passkeys}. */
    public record Account(String username, String role, String passwordHash, boolean enrolled, String origin, String createdBy, java.time.Instant createdAt,
            boolean totp, int passkeys) {
    }

    private static final String PASSKEYS = "(select count(*) from user_credentials c join user_entities e on e.id = c.user_entity_user_id"
            + " where e.name = console_users.username) as passkeys";

    private static Account account(java.sql.ResultSet rs, boolean withHash) throws java.sql.SQLException {
        boolean totp = rs.getString("totp_secret") != null;
        int passkeys = rs.getInt("passkeys");
        return new Account(rs.getString("username"), rs.getString("role"), withHash ? rs.getString("password_hash") : "", totp || passkeys > 0,
                rs.getString("origin"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), totp, passkeys);
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditTrail audit;
    private final SecretKey totpKey;
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final String unknownName = passwords.encode("no such account");

    public ConsoleUsers(JdbcTemplate jdbc, Clock clock, MasterKey masterKey, PostdeskProperties properties, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.totpKey = new SecretKeySpec(Base64.getDecoder().decode(masterKey.derivedSecret("postdesk console totp")), "AES");
        for (PostdeskProperties.Console.User user : properties.getConsole().getUsers()) {
            bringIn(user);
        }
    }

    private void bringIn(PostdeskProperties.Console.User user) {
        String before = find(user.getUsername()).map(Account::role).orElse(null);
        int changed = jdbc.update("update console_users set role = ?, password_hash = ?, origin = 'configuration' where username = ?",
                user.getRole(), user.getPasswordHash(), user.getUsername());
        if (changed == 0) {
            jdbc.update("insert into console_users (username, role, password_hash, origin, created_at) values (?, ?, ?, 'configuration', ?)",
                    user.getUsername(), user.getRole(), user.getPasswordHash(), Timestamp.from(clock.instant()));
        }
        if (!user.getRole().equals(before)) {
            recordRole(user.getUsername(), before, user.getRole(), "configuration", null);
        }
    }

    private void recordRole(String username, String before, String after, String who, String whoRole) {
        audit.record(AuditTrail.ROLE_CHANGE, who, whoRole, audit.person(username),
                before == null ? "granted the role " + after + " to a new console account " + username
                        : "changed the role of console account " + username + " from " + before + " to " + after);
    }

    PasswordEncoder passwords() {
        return passwords;
    }

    public Optional<Account> find(String username) {
        return jdbc.query("select console_users.*, " + PASSKEYS + " from console_users where username = ?", (rs, n) -> account(rs, true), username)
                .stream().findFirst();
    }

    public List<Account> all() {
        return jdbc.query("select console_users.*, " + PASSKEYS + " from console_users order by username", (rs, n) -> account(rs, false));
    }

    /** A new account an admin creates; its user enrols a second factor at the first sign-in. */
    public void create(String username, String role, String password, ConsoleUser createdBy) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,200}")) {
            throw new IllegalArgumentException("console.users.badName");
        }
        if (!ApiTokens.ROLES.contains(role) || !ApiTokens.mayIssue(createdBy.role(), role)) {
            throw new IllegalArgumentException("console.users.badRole");
        }
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("console.users.shortPassword");
        }
        if (find(username).isPresent()) {
            throw new IllegalArgumentException("console.users.exists");
        }
        jdbc.update("insert into console_users (username, role, password_hash, origin, created_by, created_at) values (?, ?, ?, 'console', ?, ?)",
                username, role, passwords.encode(password), createdBy.who(), Timestamp.from(clock.instant()));
        recordRole(username, null, role, createdBy.who(), createdBy.role());
        log.info("console account created ({})", role);
    }

    /**
     * Gives an account another role. Refused for one's own account, for an account the
     * configuration brings in (its role is the configuration's: change it there), and for roles
     * the changer may not grant or take away. A signed-in session of that account ends at its next
     * request ({@code ChangedAccounts}).
     */
    public void changeRole(String username, String role, ConsoleUser changedBy) {
        Account account = find(username).orElseThrow(() -> new IllegalArgumentException("console.users.unknown"));
        if (account.username().equals(changedBy.username()) && "console".equals(changedBy.via())) {
            throw new IllegalArgumentException("console.users.ownRole");
        }
        if ("configuration".equals(account.origin())) {
            throw new IllegalArgumentException("console.users.configured");
        }
        if (!ApiTokens.ROLES.contains(role) || !ApiTokens.mayIssue(changedBy.role(), role) || !ApiTokens.mayIssue(changedBy.role(), account.role())) {
            throw new IllegalArgumentException("console.users.badRole");
        }
        if (role.equals(account.role())) {
            return;
        }
        jdbc.update("update console_users set role = ? where username = ? and role = ?", role, username, account.role());
        recordRole(username, account.role(), role, changedBy.who(), changedBy.role());
    }

    boolean passwordMatches(String username, String password) {
        Optional<Account> account = find(username);
        // the hash is computed for an unknown name too, so timing does not tell which names exist
        String hash = account.map(Account::passwordHash).orElse(unknownName);
        return passwords.matches(password == null ? "" : password, hash) && account.isPresent();
    }

    void enrol(String username, String base32Secret) {
        jdbc.update("update console_users set totp_secret = ?, totp_last_step = null where username = ?", seal(base32Secret), username);
    }

    /** True when the code is the account's current one and was not used before (a code is good once). */
    boolean secondFactorMatches(String username, String code) {
        var row = jdbc.query("select totp_secret, totp_last_step from console_users where username = ?",
                (rs, n) -> new Object[] {rs.getString(1), rs.getObject(2) == null ? -1L : rs.getLong(2)}, username).stream().findFirst();
        if (row.isEmpty() || row.get()[0] == null) {
            return false;
        }
        long step = Totp.matchingStep(unseal((String) row.get()[0]), code, clock.instant());
        if (step < 0 || step <= (long) row.get()[1]) {
            return false;
        }
        return jdbc.update("update console_users set totp_last_step = ? where username = ? and (totp_last_step is null or totp_last_step < ?)", step, username, step) == 1;
    }

    private String seal(String secret) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, totpKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private String unseal(String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, totpKey, new GCMParameterSpec(128, bytes, 0, 12));
            return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a TOTP secret cannot be opened: was the master key changed?", e);
        }
    }
}
