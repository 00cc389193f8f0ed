package eu.postdesk.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * The key that wraps every customer's data key. From {@code postdesk.privacy.master-key} (base64 of
 * 32 bytes); without it, generated once on first start into {@code data-dir/master.key} with
 * owner-only permissions. Its value is never logged.
 */
@Component
public class MasterKey {
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final SecretKey key;

    public MasterKey(PostdeskProperties properties) {
        String configured = properties.getPrivacy().getMasterKey();
        byte[] bytes;
        if (configured != null && !configured.isBlank()) {
            try {
                bytes = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("postdesk.privacy.master-key is not base64: give 32 random bytes in base64 (openssl rand -base64 32)");
            }
            if (bytes.length != 32) {
                throw new IllegalStateException("postdesk.privacy.master-key must be 32 bytes (base64 of 32 random bytes), got " + bytes.length);
            }
        } else {
            bytes = fromFile(properties.getDataDir().resolve("master.key"));
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    SecretKey key() {
        return key;
    }

    /**
     * A secret for one other purpose, derived from the master key (HMAC-SHA256 of the purpose), so
     * that no second key has to be kept and backed up; base64. Like the master key, never logged.
     */
    public String derivedSecret(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    private static byte[] fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] bytes = Base64.getDecoder().decode(Files.readString(file).strip());
                if (bytes.length != 32) {
                    throw new IllegalStateException(file + " does not hold a 32-byte key; restore it from your backup");
                }
                return bytes;
            }
            Files.createDirectories(file.getParent());
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            try {
                Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                log.warn("cannot restrict the permissions of {} on this file system; restrict them by hand", file);
            }
            log.warn("No postdesk.privacy.master-key configured: generated a master key in {} (owner-only). Back it up: without it no sealed original can be opened.", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key " + file + ": " + e.getMessage(), e);
        }
    }
}
