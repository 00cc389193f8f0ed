package eu.postdesk.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.agents.Agents;
import eu.postdesk.privacy.AuditTrail;

/**
 * Bearer tokens of the API, stored only as SHA-256 hashes. The first admin token comes from
 * {@code postdesk.api.admin-token} (without it one is generated on first start and logged once),
 * the first privacy officer's from {@code postdesk.api.privacy-officer-token}; a new configured
 * value replaces the old configured token of that role. Duties stay apart: admins issue, list and
 * revoke agent, supervisor and admin tokens; only a privacy officer does so for privacy-officer
 * tokens. An agent token names its agent (V8: {@code api_tokens.agent}). A token may expire and may
 * be bound to networks (CIDR); {@code postdesk.api.allowed-networks} binds them all. Every issue,
 * revocation and refused authentication is an {@link AuditTrail} record.
 */
@Component
public class ApiTokens {
    public static final String ADMIN = "admin";
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String PRIVACY_OFFICER = "privacy-officer";
    public static final Set<String> ROLES = Set.of(ADMIN, AGENT, SUPERVISOR, PRIVACY_OFFICER);
    /** Which roles each role may issue (and list, and revoke) tokens for. */
    private static final Map<String, Set<String>> ISSUES = Map.of(
            ADMIN, Set.of(ADMIN, AGENT, SUPERVISOR),
            PRIVACY_OFFICER, Set.of(PRIVACY_OFFICER));
    private static final String CONFIGURED = "configured";
    private static final String GENERATED = "generated";
    private static final String ISSUED = "issued";
    /** Last use is recorded to the minute: a write per minute per token, not per request. */
    private static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private final JdbcTemplate jdbc;
    private final Agents agents;
    private final Clock clock;
    private final AuditTrail audit;
    private final Networks allowedNetworks;

    @Autowired
    public ApiTokens(JdbcTemplate jdbc, PostdeskProperties properties, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.agents = new Agents(properties);
        this.clock = clock;
        this.audit = audit;
        this.allowedNetworks = Networks.parse(properties.getApi().getAllowedNetworks());
        String admin = properties.getApi().getAdminToken();
        if (admin != null && !admin.isBlank()) {
            configure(admin.strip(), "admin (postdesk.api.admin-token)", ADMIN);
        } else if (jdbc.queryForObject("select count(*) from api_tokens where role = ?", Integer.class, ADMIN) == 0) {
            String generated = newToken();
            store(generated, "initial admin (generated)", ADMIN, GENERATED, null, null, null);
            audit.record(AuditTrail.TOKEN_CHANGE, "configuration", null, "token " + hash(generated).substring(0, 12), "generated the initial admin token");
            log.warn("No postdesk.api.admin-token configured; generated the initial admin API token (shown only this once): {}", generated);
        }
        String officer = properties.getApi().getPrivacyOfficerToken();
        if (officer != null && !officer.isBlank()) {
            configure(officer.strip(), "privacy officer (postdesk.api.privacy-officer-token)", PRIVACY_OFFICER);
        }
    }

    /** The configured token of a role replaces whichever was configured before: changing it revokes the old one. */
    private void configure(String token, String name, String role) {
        String hash = hash(token);
        if (jdbc.queryForObject("select count(*) from api_tokens where token_hash = ? and origin = ? and role = ?", Integer.class, hash, CONFIGURED, role) > 0) {
            return;
        }
        jdbc.update("delete from api_tokens where (origin = ? and role = ?) or token_hash = ?", CONFIGURED, role, hash);
        store(token, name, role, CONFIGURED, null, null, null);
        audit.record(AuditTrail.TOKEN_CHANGE, "configuration", role, "token " + hash.substring(0, 12), "configured the " + role + " token");
    }

    /** Whether a caller with {@code issuerRole} may issue (list, revoke) a token for {@code role}. */
    public static boolean mayIssue(String issuerRole, String role) {
        return ISSUES.getOrDefault(issuerRole, Set.of()).contains(role);
    }

    /** A new token of a role that names no agent (every role but agent). */
    public String issue(String name, String role, Holder issuer) {
        return issue(name, role, null, null, List.of(), issuer);
    }

    /**
     * A new token for this role, issued by {@code issuer}; the only time its value exists outside the
     * caller's hands. An agent token names its agent ({@code agent}, a configured agent's address);
     * it expires at {@code expiresAt} (null: never) and is used only from {@code networks} (empty: anywhere).
     */
    public String issue(String name, String role, String agent, Instant expiresAt, List<String> networks, Holder issuer) {
        if (!ROLES.contains(role)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "unknown role; roles are " + ROLES);
        }
        if (!mayIssue(issuer.role(), role)) {
            throw ApiError.forbidden("the role '" + issuer.role() + "' may not issue " + role + " tokens");
        }
        String named = null;
        if (AGENT.equals(role)) {
            named = agents.byAddress(agent).map(a -> a.getAddress().strip().toLowerCase(java.util.Locale.ROOT))
                    .orElseThrow(() -> new ApiError(HttpStatus.BAD_REQUEST,
                            "agent: an agent token names its agent, one of the configured agents' addresses (postdesk.agents)"));
        } else if (agent != null && !agent.isBlank()) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "agent: only an agent token names an agent");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "the expiry must lie in the future");
        }
        String allowed;
        try {
            allowed = Networks.canonical(networks);
        } catch (IllegalArgumentException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "networks: write each as an address or address/prefix, e.g. 10.0.0.0/8 or 2001:db8::/32");
        }
        String token = newToken();
        store(token, name, role, ISSUED, issuer.who(), expiresAt, allowed == null || allowed.isEmpty() ? null : allowed);
        if (named != null) {
            jdbc.update("update api_tokens set agent = ? where token_hash = ?", named, hash(token));
        }
        audit.record(AuditTrail.TOKEN_CHANGE, issuer.who(), issuer.role(), "token " + hash(token).substring(0, 12), "issued a " + role + " token");
        return token;
    }

    /** A token as its list shows it: never its value. */
    public record Listed(String id, String name, String role, String origin, String issuedBy, Instant createdAt, Instant expiresAt,
                         Instant lastUsedAt, String networks) {
        public Map<String, Object> forApi() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("name", name);
            out.put("role", role);
            out.put("origin", origin);
            out.put("issuedBy", issuedBy);
            out.put("createdAt", createdAt.toString());
            out.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
            out.put("lastUsedAt", lastUsedAt == null ? null : lastUsedAt.toString());
            out.put("networks", networks == null ? List.of() : List.of(networks.split(",")));
            return out;
        }
    }

    /** The tokens of the roles this caller may issue, oldest first. */
    public List<Listed> list(Holder caller) {
        return jdbc.query("select * from api_tokens order by created_at, token_hash", ApiTokens::listed).stream()
                .filter(t -> mayIssue(caller.role(), t.role())).toList();
    }

    /** Revokes the token with this id (see {@link Listed#id}); only the roles that may issue it may revoke it. */
    public void revoke(String id, Holder caller) {
        if (id == null || !id.matches("[0-9a-f]{12}")) {
            throw ApiError.notFound("token");
        }
        Listed token = jdbc.query("select * from api_tokens where token_hash like ?", ApiTokens::listed, id + "%").stream()
                .filter(t -> mayIssue(caller.role(), t.role())).findFirst().orElseThrow(() -> ApiError.notFound("token " + id));
        if (CONFIGURED.equals(token.origin())) {
            throw new ApiError(HttpStatus.CONFLICT, "this token comes from the configuration: change or remove postdesk.api." + token.role() + "-token instead");
        }
        jdbc.update("delete from api_tokens where token_hash like ?", id + "%");
        audit.record(AuditTrail.TOKEN_CHANGE, caller.who(), caller.role(), "token " + id, "revoked a " + token.role() + " token");
    }

    private static Listed listed(ResultSet rs, int n) throws SQLException {
        return new Listed(rs.getString("token_hash").substring(0, 12), rs.getString("name"), rs.getString("role"), rs.getString("origin"),
                rs.getString("issued_by"), instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "last_used_at"),
                rs.getString("allowed_networks"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /**
     * Who holds a token: the name it was issued under, its role, a short id that tells tokens of
     * the same name apart (the start of its hash), who issued it, and whether it is the token a
     * property configures ({@code postdesk.api.admin-token}, {@code postdesk.api.privacy-officer-token}).
     */
    public record Holder(String name, String role, String id, String issuedBy, String agent, boolean configured) {
        public Holder(String name, String role, String id, String issuedBy, String agent) {
            this(name, role, id, issuedBy, agent, false);
        }

        /** For audit records: the name alone is whatever its issuer chose. */
        public String who() {
            String who = name + " [token " + id + (issuedBy == null ? "" : ", issued by " + issuedBy) + "]";
            return who.length() <= 255 ? who : who.substring(0, 254) + "…";
        }
    }

    /** What authenticating a request came to: its holder, or the status and fixed message it is refused with. */
    public record Authentication(Holder holder, HttpStatus refusal, String message) {
        static Authentication refused(HttpStatus status, String message) {
            return new Authentication(null, status, message);
        }
    }

    /**
     * Authenticates a request's token from {@code remoteAddress}: the global network allowlist, a
     * known token (its hash compared in constant time), its expiry and its own networks. Every
     * refusal of a presented token is recorded in the audit trail, the address only as a keyed hash.
     */
    public Authentication authenticate(String token, String remoteAddress) {
        if (!allowedNetworks.allows(remoteAddress)) {
            if (token != null && !token.isBlank()) {
                refusedFrom(remoteAddress, "a token used from outside postdesk.api.allowed-networks");
            }
            return Authentication.refused(HttpStatus.FORBIDDEN, "the API may not be called from this network");
        }
        if (token == null || token.isBlank()) {
            return Authentication.refused(HttpStatus.UNAUTHORIZED, null);
        }
        Optional<Row> found = row(token);
        if (found.isEmpty()) {
            refusedFrom(remoteAddress, "an unknown token");
            return Authentication.refused(HttpStatus.UNAUTHORIZED, null);
        }
        Row row = found.get();
        Instant now = clock.instant();
        if (row.expiresAt() != null && !now.isBefore(row.expiresAt())) {
            refusedFrom(remoteAddress, "an expired token (" + row.holder().id() + ")");
            return Authentication.refused(HttpStatus.UNAUTHORIZED, "this token has expired");
        }
        if (!Networks.parse(row.networks()).allows(remoteAddress)) {
            refusedFrom(remoteAddress, "a token (" + row.holder().id() + ") used outside its networks");
            return Authentication.refused(HttpStatus.FORBIDDEN, "this token may not be used from this network");
        }
        if (row.lastUsedAt() == null || row.lastUsedAt().isBefore(now.minus(LAST_USE_GRANULARITY))) {
            jdbc.update("update api_tokens set last_used_at = ? where token_hash = ?", Timestamp.from(now), row.hash());
        }
        return new Authentication(row.holder(), null, null);
    }

    private void refusedFrom(String remoteAddress, String what) {
        audit.record(AuditTrail.AUTHENTICATION_FAILED, null, null, audit.person(remoteAddress), "refused " + what);
    }

    /** The holder of a valid token, not expired; where it is used from is not checked here (see {@link #authenticate}). */
    public Optional<Holder> holderOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return row(token).filter(r -> r.expiresAt() == null || clock.instant().isBefore(r.expiresAt())).map(Row::holder);
    }

    private record Row(String hash, Holder holder, Instant expiresAt, Instant lastUsedAt, String networks) {
    }

    /** The token's row: looked up by the SHA-256 of what was presented, then that hash compared in constant time. */
    private Optional<Row> row(String token) {
        String presented = hash(token);
        return jdbc.query("select * from api_tokens where token_hash = ?", (rs, n) -> new Row(rs.getString("token_hash"),
                        new Holder(rs.getString("name"), rs.getString("role"), rs.getString("token_hash").substring(0, 12), rs.getString("issued_by"),
                                rs.getString("agent"), CONFIGURED.equals(rs.getString("origin"))),
                        instant(rs, "expires_at"), instant(rs, "last_used_at"), rs.getString("allowed_networks")), presented).stream()
                .filter(r -> MessageDigest.isEqual(r.hash().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII)))
                .findFirst();
    }

    private static String newToken() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return "pd_" + HexFormat.of().formatHex(random);
    }

    private void store(String token, String name, String role, String origin, String issuedBy, Instant expiresAt, String networks) {
        jdbc.update("insert into api_tokens (token_hash, name, role, created_at, origin, issued_by, expires_at, allowed_networks) values (?, ?, ?, ?, ?, ?, ?, ?)",
                hash(token), name, role, Timestamp.from(clock.instant()), origin, issuedBy,
                expiresAt == null ? null : Timestamp.from(expiresAt), networks);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
