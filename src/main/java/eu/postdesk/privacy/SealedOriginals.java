package eu.postdesk.privacy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The original messages as they arrived, sealed with AES-GCM under a per-customer data key which
 * is itself wrapped by the {@link MasterKey}. Agents never see these; destroying one customer's
 * data key makes every copy of their originals unreadable (erasure relies on this).
 */
@Component
public class SealedOriginals {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final SecureRandom random = new SecureRandom();

    public SealedOriginals(JdbcTemplate jdbc, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
    }

    /** Seals a message's original under its customer's key; part of the filing transaction. */
    public void seal(long messageId, String customer, byte[] original) {
        String owner = owner(customer);
        byte[] sealed = encrypt(dataKey(owner), original, ("message:" + messageId).getBytes());
        jdbc.update("insert into sealed_originals (message_id, customer, sealed, created_at) values (?, ?, ?, ?)",
                messageId, owner, sealed, Timestamp.from(Instant.now()));
    }

    /** The original of a message, or empty when there is none or its customer's key was destroyed. */
    public Optional<byte[]> open(long messageId) {
        var rows = jdbc.query("select customer, sealed from sealed_originals where message_id = ?",
                (rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2)}, messageId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String owner = (String) rows.get(0)[0];
        Optional<SecretKey> key = existingDataKey(owner);
        return key.map(k -> decrypt(k, (byte[]) rows.get(0)[1], ("message:" + messageId).getBytes()));
    }

    /** Destroys a customer's data key: their sealed originals can no longer be opened by anyone. */
    public boolean destroyKeyOf(String customer) {
        return jdbc.update("delete from customer_keys where customer = ?", owner(customer)) > 0;
    }

    private SecretKey dataKey(String owner) {
        Optional<SecretKey> existing = existingDataKey(owner);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        byte[] wrapped = encrypt(masterKey.key(), fresh, owner.getBytes());
        try {
            jdbc.update("insert into customer_keys (customer, wrapped_key, created_at) values (?, ?, ?)",
                    owner, wrapped, Timestamp.from(Instant.now()));
            return new SecretKeySpec(fresh, "AES");
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return existingDataKey(owner).orElseThrow(() -> raced);
        }
    }

    private Optional<SecretKey> existingDataKey(String owner) {
        return jdbc.query("select wrapped_key from customer_keys where customer = ?", (rs, n) -> rs.getBytes(1), owner)
                .stream().findFirst()
                .map(wrapped -> new SecretKeySpec(decrypt(masterKey.key(), wrapped, owner.getBytes()), "AES"));
    }

    private static String owner(String customer) {
        return customer == null ? "unknown" : customer.strip().toLowerCase(Locale.ROOT);
    }

    private byte[] encrypt(SecretKey key, byte[] plain, byte[] context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(context);
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed original or key does not open (wrong master key, or tampered): "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
