package eu.postdesk.privacy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

import eu.postdesk.DataFiles;
import eu.postdesk.PostdeskProperties;

/**
 * The original messages as they arrived, sealed with AES-GCM under a per-customer data key which
 * is itself wrapped by the {@link MasterKey}, in files {@code data-dir/sealed/<messageId>} written
 * and read as streams ({@link SegmentedSeal}). Agents never see these; destroying one customer's
 * data key makes every copy of their originals unreadable (erasure relies on this).
 */
@Component
public class SealedOriginals {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final Path folder;
    private final SecureRandom random = new SecureRandom();

    public SealedOriginals(JdbcTemplate jdbc, MasterKey masterKey, PostdeskProperties properties) throws IOException {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.folder = properties.getDataDir().resolve("sealed");
        Files.createDirectories(folder);
    }

    /** An opened original: its size in bytes and its bytes, decrypted as they are read (close it). */
    public record Original(long size, InputStream content) {
    }

    /**
     * Seals a message's original, read from {@code original}, under its customer's key into
     * {@code data-dir/sealed/<messageId>}; part of the filing transaction (the file is synced
     * before the row commits, and removed if the transaction rolls back).
     */
    public void seal(long messageId, String customer, InputStream original) {
        String owner = owner(customer);
        SecretKey key = dataKey(owner);
        String name = Long.toString(messageId);
        Path file = folder.resolve(name);
        DataFiles.deleteOnRollback(file);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                SegmentedSeal.seal(key, context(messageId), original, out);
            }
            DataFiles.sync(file);
            DataFiles.syncFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seal the original of message " + messageId + ": " + e.getMessage(), e);
        }
        jdbc.update("insert into sealed_originals (message_id, customer, sealed_file, created_at) values (?, ?, ?, ?)",
                messageId, owner, name, Timestamp.from(Instant.now()));
    }

    /**
     * Seals a file under its sender's key (the key their filed originals use, so that destroying it
     * reaches this copy too), bound to {@code context}: how the spool keeps a quarantined message
     * until an operator retries it. The sealed file is synced; the caller removes the plain one.
     */
    public void sealFile(String sender, String context, Path plain, Path sealed) throws IOException {
        SecretKey key = dataKey(owner(sender));
        try (InputStream in = Files.newInputStream(plain);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(sealed), 64 * 1024)) {
            SegmentedSeal.seal(key, context.getBytes(StandardCharsets.UTF_8), in, out);
        }
        DataFiles.sync(sealed);
    }

    /** Whether this sender's key still exists (it is gone after their erasure, and with it everything sealed under it). */
    public boolean hasKeyOf(String sender) {
        return existingDataKey(owner(sender)).isPresent();
    }

    /** The reverse of {@link #sealFile}; fails when the sender's key was destroyed or the file was tampered with. */
    public void unsealFile(String sender, String context, Path sealed, Path plain) throws IOException {
        SecretKey key = existingDataKey(owner(sender)).orElseThrow(() -> new IOException("the sender's key was destroyed"));
        try (InputStream in = SegmentedSeal.open(key, context.getBytes(StandardCharsets.UTF_8),
                new BufferedInputStream(Files.newInputStream(sealed), 64 * 1024))) {
            Files.copy(in, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        DataFiles.sync(plain);
    }

    /** A file sealed by {@link #sealFile}, decrypted while it is read; fails when the sender's key was destroyed. */
    public InputStream openFile(String sender, String context, Path sealed) throws IOException {
        SecretKey key = existingDataKey(owner(sender)).orElseThrow(() -> new IOException("the sender's key was destroyed"));
        return SegmentedSeal.open(key, context.getBytes(StandardCharsets.UTF_8), new BufferedInputStream(Files.newInputStream(sealed), 64 * 1024));
    }

    /** Removes sealed files no row names: written by a filing that a crash rolled back. Call only before filing starts. */
    public void sweepLeftovers() {
        DataFiles.sweep(folder, jdbc.queryForList("select sealed_file from sealed_originals where sealed_file is not null", String.class));
    }

    /**
     * The original of a message, or empty when there is none or its customer's key was destroyed.
     * The bytes are decrypted while they are read; a tampered file fails the read with an IOException.
     */
    public Optional<Original> open(long messageId) {
        var rows = jdbc.query("select customer, sealed_file, sealed from sealed_originals where message_id = ?",
                (rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(2) == null ? rs.getBytes(3) : null}, messageId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        Optional<SecretKey> key = existingDataKey((String) row[0]);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (row[1] == null) {
            // sealed in one piece in the database, before originals moved into files
            byte[] original = decrypt(key.get(), (byte[]) row[2], context(messageId));
            return Optional.of(new Original(original.length, new ByteArrayInputStream(original)));
        }
        Path file = folder.resolve((String) row[1]);
        try {
            InputStream sealed = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
            try {
                return Optional.of(new Original(SegmentedSeal.plainSize(Files.size(file)),
                        SegmentedSeal.open(key.get(), context(messageId), sealed)));
            } catch (IOException | RuntimeException e) {
                sealed.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the sealed original of message " + messageId + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] context(long messageId) {
        return ("message:" + messageId).getBytes(StandardCharsets.US_ASCII);
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
