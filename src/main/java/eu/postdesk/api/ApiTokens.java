package eu.postdesk.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.agents.Agents;

/**
 * Bearer tokens of the API, stored only as SHA-256 hashes. The first admin token comes from
 * {@code postdesk.api.admin-token} (without it one is generated on first start and logged once),
 * the first privacy officer's from {@code postdesk.api.privacy-officer-token}; a new configured
 * value replaces the old configured token of that role. Duties stay apart: admins issue agent,
 * supervisor and admin tokens, only a privacy officer issues privacy-officer tokens. An agent
 * token names its agent (V8: {@code api_tokens.agent}).
 */
@Component
public class ApiTokens {
    public static final String ADMIN = "admin";
    public static final String AGENT = "agent";
    public static final String PRIVACY_OFFICER = "privacy-officer";
    /** Works every ticket, of every line (an agent works the tickets of their own line). */
    public static final String SUPERVISOR = "supervisor";
    public static final Set<String> ROLES = Set.of(ADMIN, AGENT, PRIVACY_OFFICER, SUPERVISOR);
    /** Which roles each role may issue tokens for. */
    private static final Map<String, Set<String>> ISSUES = Map.of(
            ADMIN, Set.of(ADMIN, AGENT, SUPERVISOR),
            PRIVACY_OFFICER, Set.of(PRIVACY_OFFICER));
    private static final String CONFIGURED = "configured";
    private static final String GENERATED = "generated";
    private static final String ISSUED = "issued";

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private final JdbcTemplate jdbc;
    private final Agents agents;

    public ApiTokens(JdbcTemplate jdbc, PostdeskProperties properties) {
        this.jdbc = jdbc;
        this.agents = new Agents(properties);
        String admin = properties.getApi().getAdminToken();
        if (admin != null && !admin.isBlank()) {
            configure(admin.strip(), "admin (postdesk.api.admin-token)", ADMIN);
        } else if (jdbc.queryForObject("select count(*) from api_tokens where role = ?", Integer.class, ADMIN) == 0) {
            String generated = newToken();
            store(generated, "initial admin (generated)", ADMIN, GENERATED, null);
            log.warn("No postdesk.api.admin-token configured; generated the initial admin API token (shown only this once): {}", generated);
        }
        String officer = properties.getApi().getPrivacyOfficerToken();
        if (officer != null && !officer.isBlank()) {
            configure(officer.strip(), "privacy officer (postdesk.api.privacy-officer-token)", PRIVACY_OFFICER);
        }
    }

    /** The configured token of a role replaces whichever was configured before: changing it revokes the old one. */
    private void configure(String token, String name, String role) {
        jdbc.update("delete from api_tokens where (origin = ? and role = ?) or token_hash = ?", CONFIGURED, role, hash(token));
        store(token, name, role, CONFIGURED, null);
    }

    /** Whether a caller with {@code issuerRole} may issue a token for {@code role}. */
    public static boolean mayIssue(String issuerRole, String role) {
        return ISSUES.getOrDefault(issuerRole, Set.of()).contains(role);
    }

    /** A new token of a role that names no agent (every role but agent). */
    public String issue(String name, String role, Holder issuer) {
        return issue(name, role, null, issuer);
    }

    /**
     * A new token for this role, issued by {@code issuer}; the only time its value exists outside the
     * caller's hands. An agent token names its agent ({@code agent}, a configured agent's address).
     */
    public String issue(String name, String role, String agent, Holder issuer) {
        if (!ROLES.contains(role)) {
            throw new ApiError(org.springframework.http.HttpStatus.BAD_REQUEST, "unknown role; roles are " + ROLES);
        }
        if (!mayIssue(issuer.role(), role)) {
            throw ApiError.forbidden("the role '" + issuer.role() + "' may not issue " + role + " tokens");
        }
        String named = null;
        if (AGENT.equals(role)) {
            named = agents.byAddress(agent).map(a -> a.getAddress().strip().toLowerCase(java.util.Locale.ROOT))
                    .orElseThrow(() -> new ApiError(org.springframework.http.HttpStatus.BAD_REQUEST,
                            "agent: an agent token names its agent, one of the configured agents' addresses (postdesk.agents)"));
        } else if (agent != null && !agent.isBlank()) {
            throw new ApiError(org.springframework.http.HttpStatus.BAD_REQUEST, "agent: only an agent token names an agent");
        }
        String token = newToken();
        store(token, name, role, ISSUED, issuer.who());
        if (named != null) {
            jdbc.update("update api_tokens set agent = ? where token_hash = ?", named, hash(token));
        }
        return token;
    }

    /**
     * Who holds a token: the name it was issued under, its role, a short id that tells tokens of
     * the same name apart (the start of its hash), and who issued it.
     */
    public record Holder(String name, String role, String id, String issuedBy, String agent) {
        /** For audit records: the name alone is whatever its issuer chose. */
        public String who() {
            String who = name + " [token " + id + (issuedBy == null ? "" : ", issued by " + issuedBy) + "]";
            return who.length() <= 255 ? who : who.substring(0, 254) + "…";
        }
    }

    public Optional<Holder> holderOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.query("select token_hash, name, role, issued_by, agent from api_tokens where token_hash = ?",
                (rs, n) -> new Holder(rs.getString("name"), rs.getString("role"), rs.getString("token_hash").substring(0, 12), rs.getString("issued_by"),
                        rs.getString("agent")),
                hash(token)).stream().findFirst();
    }

    private static String newToken() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return "pd_" + HexFormat.of().formatHex(random);
    }

    private void store(String token, String name, String role, String origin, String issuedBy) {
        jdbc.update("insert into api_tokens (token_hash, name, role, created_at, origin, issued_by) values (?, ?, ?, ?, ?, ?)",
                hash(token), name, role, Timestamp.from(Instant.now()), origin, issuedBy);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
