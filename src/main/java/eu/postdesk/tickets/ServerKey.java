package eu.postdesk.tickets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A server secret kept in {@code server_keys} under a name (made once, on first use, by whichever
 * node gets there first), and the HMAC tokens made with it: what makes the reply, rating and other
 * addresses we hand out unguessable.
 */
public final class ServerKey {
    private final byte[] key;

    private ServerKey(byte[] key) {
        this.key = key;
    }

    /** The key of this name, made now if there is none yet. */
    public static ServerKey named(JdbcTemplate jdbc, String name) {
        var existing = jdbc.query("select key_value from server_keys where name = ?", (rs, n) -> rs.getBytes(1), name);
        if (!existing.isEmpty()) {
            return new ServerKey(existing.get(0));
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            jdbc.update("insert into server_keys (name, key_value) values (?, ?)", name, fresh);
            return new ServerKey(fresh);
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return new ServerKey(jdbc.queryForObject("select key_value from server_keys where name = ?", byte[].class, name));
        }
    }

    /** The first {@code length} hex characters of the HMAC-SHA256 of {@code subject} under this key. */
    public String token(String subject, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8))).substring(0, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
