package eu.postdesk.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * Bearer tokens of the API, stored only as SHA-256 hashes. The initial admin token comes from
 * {@code postdesk.api.admin-token}; without it one is generated on first start and logged once.
 */
@Component
public class ApiTokens {
    public static final String ADMIN = "admin";
    public static final String AGENT = "agent";
    public static final String PRIVACY_OFFICER = "privacy-officer";
    public static final Set<String> ROLES = Set.of(ADMIN, AGENT, PRIVACY_OFFICER);

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private final JdbcTemplate jdbc;

    public ApiTokens(JdbcTemplate jdbc, PostdeskProperties properties) {
        this.jdbc = jdbc;
        String configured = properties.getApi().getAdminToken();
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 16) {
                throw new IllegalStateException("postdesk.api.admin-token is too short: use at least 16 characters");
            }
            if (holderOf(configured).isEmpty()) {
                store(configured, "initial admin (postdesk.api.admin-token)", ADMIN);
            }
        } else if (jdbc.queryForObject("select count(*) from api_tokens where role = ?", Integer.class, ADMIN) == 0) {
            String generated = issue("initial admin (generated)", ADMIN);
            log.warn("No postdesk.api.admin-token configured; generated the initial admin API token (shown only this once): {}", generated);
        }
    }

    /** A new token for this role; the only time its value exists outside the caller's hands. */
    public String issue(String name, String role) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; roles are " + ROLES);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = "pd_" + HexFormat.of().formatHex(random);
        store(token, name, role);
        return token;
    }

    /** Who holds a token: the name it was issued under and its role. */
    public record Holder(String name, String role) {
    }

    public Optional<Holder> holderOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.query("select name, role from api_tokens where token_hash = ?",
                (rs, n) -> new Holder(rs.getString("name"), rs.getString("role")), hash(token)).stream().findFirst();
    }

    private void store(String token, String name, String role) {
        jdbc.update("insert into api_tokens (token_hash, name, role, created_at) values (?, ?, ?, ?)",
                hash(token), name, role, Timestamp.from(Instant.now()));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
