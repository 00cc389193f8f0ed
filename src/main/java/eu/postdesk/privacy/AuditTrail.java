package eu.postdesk.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tamper-evident record of every privileged action: a hash chain in which each record carries
 * the SHA-256 of the previous record's canonical form. What the chain covers holds no person: the
 * action, the role, a non-personal target ("message 12", "token 3f2a…", or a person only as the
 * keyed hash {@link #person}), and keyed hashes of the free texts {@code who} and {@code reason}.
 * The free texts themselves sit beside the chain, so erasure can blank them ({@link #forget})
 * and the chain still verifies; changing them is detected because they no longer match their hash.
 * Records join the caller's transaction: an action and its record commit together.
 */
@Component
public class AuditTrail {
    public static final String REVEAL = "reveal";
    public static final String EXPORT = "export";
    public static final String ERASURE = "erasure";
    public static final String RETENTION_RUN = "retention-run";
    public static final String HOLD = "hold";
    public static final String TOKEN_CHANGE = "token-change";
    public static final String ROLE_CHANGE = "role-change";
    public static final String AUTHENTICATION_FAILED = "authentication-failed";
    /** The configured admin token read ticket content (see {@code postdesk.api.admin-token-reads-tickets}). */
    public static final String CONTENT_READ = "admin-content-read";
    static final String GENESIS = "0".repeat(64);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final byte[] key;

    public AuditTrail(JdbcTemplate jdbc, MasterKey masterKey, Clock clock, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = transaction;
        this.key = Base64.getDecoder().decode(masterKey.derivedSecret("postdesk audit trail keyed hashes"));
    }

    /** How a person (an address, an IP address) is named in a record: a keyed hash, the same for the same person. */
    public String person(String address) {
        return "person:" + keyed("person", address == null ? "" : address.strip().toLowerCase(Locale.ROOT));
    }

    /** One record; returns its sequence number. {@code target} must hold no person but through {@link #person}. */
    public long record(String action, String who, String role, String target, String reason) {
        String whoText = who == null ? null : who.length() <= 300 ? who : who.substring(0, 299) + "…";
        String targetText = target == null ? null : target.length() <= 300 ? target : target.substring(0, 300);
        return transaction.execute(status -> {
            Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from audit_head where name = 'chain' for update");
            long seq = ((Number) head.get("last_seq")).longValue() + 1;
            String previous = (String) head.get("last_hash");
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Entry entry = new Entry(seq, at, action, role, targetText, whoText, keyed("who", whoText), reason, keyed("reason", reason), previous, null);
            String hash = entry.computedHash();
            jdbc.update("insert into audit_trail (seq, at, action, role, target, who, who_hash, reason, reason_hash, prev_hash, record_hash)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    seq, Timestamp.from(at), action, role, targetText, whoText, entry.whoHash(), reason, entry.reasonHash(), previous, hash);
            jdbc.update("update audit_head set last_seq = ?, last_hash = ? where name = 'chain'", seq, hash);
            return seq;
        });
    }

    /** Blanks the free texts (who, reason) of every record about this target, e.g. {@code person(address)}; the chain stays valid. */
    public int forget(String target) {
        return jdbc.update("update audit_trail set who = null, reason = null where target = ?", target);
    }

    /** The records, oldest first, as the API lists them. */
    public List<Map<String, Object>> entries() {
        return jdbc.query("select * from audit_trail order by seq", (rs, n) -> entry(rs).forApi());
    }

    /** The outcome of recomputing the chain: intact, or the first record that is not what was written. */
    public record Verification(boolean intact, long records, Long firstBroken, String problem, String head) {
        public Map<String, Object> forApi() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("intact", intact);
            out.put("records", records);
            out.put("firstBroken", firstBroken);
            out.put("problem", problem);
            out.put("head", head);
            return out;
        }
    }

    /** Recomputes every record's hash and link, in order, and checks that the chain ends where its head says. */
    public Verification verify() {
        List<Verification> found = new ArrayList<>();
        long[] state = {0};
        String[] previous = {GENESIS};
        jdbc.query("select * from audit_trail order by seq", (ResultSet rs) -> {
            if (!found.isEmpty()) {
                return;
            }
            Entry entry = entry(rs);
            String problem = null;
            if (entry.seq() != state[0] + 1) {
                problem = "record " + (state[0] + 1) + " is missing";
            } else if (!entry.prevHash().equals(previous[0])) {
                problem = "does not link to the record before it";
            } else if (!entry.computedHash().equals(entry.recordHash())) {
                problem = "its content does not match its hash";
            } else if (entry.who() != null && !keyed("who", entry.who()).equals(entry.whoHash())) {
                problem = "its 'who' was changed";
            } else if (entry.reason() != null && !keyed("reason", entry.reason()).equals(entry.reasonHash())) {
                problem = "its reason was changed";
            }
            if (problem != null) {
                found.add(new Verification(false, state[0], entry.seq() != state[0] + 1 ? state[0] + 1 : entry.seq(), problem, null));
                return;
            }
            state[0] = entry.seq();
            previous[0] = entry.recordHash();
        });
        if (!found.isEmpty()) {
            return found.get(0);
        }
        Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from audit_head where name = 'chain'");
        long lastSeq = ((Number) head.get("last_seq")).longValue();
        if (lastSeq != state[0] || !previous[0].equals(head.get("last_hash"))) {
            return new Verification(false, state[0], state[0] + 1, "the chain ends before its head: records after " + state[0] + " are missing", null);
        }
        // the hash of the last record: kept elsewhere, it also catches a rewrite of the whole tail
        return new Verification(true, state[0], null, null, previous[0]);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("action"), rs.getString("role"),
                rs.getString("target"), rs.getString("who"), rs.getString("who_hash"), rs.getString("reason"), rs.getString("reason_hash"),
                rs.getString("prev_hash"), rs.getString("record_hash"));
    }

    private record Entry(long seq, Instant at, String action, String role, String target, String who, String whoHash,
                         String reason, String reasonHash, String prevHash, String recordHash) {
        /** The canonical form: every hashed field length-prefixed, so no two records share one. */
        String canonical() {
            StringBuilder out = new StringBuilder("postdesk-audit-v1");
            for (String field : new String[] {Long.toString(seq), at.toString(), action, role, target, whoHash, reasonHash, prevHash}) {
                out.append('\n').append(field == null ? -1 : field.length()).append(':').append(field == null ? "" : field);
            }
            return out.toString();
        }

        String computedHash() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        Map<String, Object> forApi() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", seq);
            out.put("at", at.toString());
            out.put("action", action);
            out.put("who", who);
            out.put("role", role);
            out.put("target", target);
            out.put("reason", reason);
            // reveals were listed with their message's id before the trail existed
            out.put("messageId", target != null && target.matches("message \\d{1,18}") ? Long.valueOf(target.substring(8)) : null);
            // and a refused agent answer's sealed original by its spool id
            out.put("spoolId", target != null && target.matches("spool \\d{1,18}") ? Long.valueOf(target.substring(6)) : null);
            out.put("hash", recordHash);
            return out;
        }
    }

    private String keyed(String purpose, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            if (text != null) {
                mac.update((byte) 1);
                mac.update(text.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
