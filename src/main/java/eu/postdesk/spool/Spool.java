package eu.postdesk.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import eu.postdesk.DataFiles;
import eu.postdesk.PostdeskProperties;
import eu.postdesk.privacy.SealedOriginals;

/**
 * The durable spool: raw bytes (a file {@code data-dir/spool/<content hash>.eml}) plus envelope (a row),
 * keyed by a content hash. A message is spooled
 * before SMTP answers 250 and leaves the spool's pending state only when the pipeline has
 * committed its outcome. The same bytes delivered twice are spooled once.
 *
 * <p>The raw bytes end with the outcome: deleted once a message is filed, dropped, a duplicate or a
 * relayed answer ({@link #settle}), sealed under its sender's key when it is quarantined
 * ({@link #quarantine}) and opened again only to retry it ({@link #reopen}).
 */
@Component
public class Spool {
    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String DONE = "done";

    private final JdbcTemplate jdbc;
    private final SealedOriginals sealer;
    private final Path incoming;
    private final Path folder;

    public Spool(JdbcTemplate jdbc, SealedOriginals sealer, PostdeskProperties properties) throws IOException {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.incoming = properties.getDataDir().resolve("incoming");
        this.folder = properties.getDataDir().resolve("spool");
        Files.createDirectories(incoming);
        Files.createDirectories(folder);
    }

    /** Where the ingress writes a message while it arrives; handed back to {@link #commit}. */
    public IncomingFile open() throws IOException {
        return new IncomingFile(Files.createTempFile(incoming, "smtp-", ".eml"));
    }

    /**
     * Makes an arrived message durable: the file is synced and moved into the spool folder under
     * its content hash (whose folder entry is synced too); only then is the row that names it,
     * with the envelope, committed. Returns the spooled mail, or the earlier one when the same
     * bytes were spooled before.
     */
    public SpooledMail commit(IncomingFile file, String envelopeFrom, List<String> recipients) throws IOException {
        return commit(file, envelopeFrom, recipients, null);
    }

    /**
     * As {@link #commit(IncomingFile, String, List)}, for mail an agent submitted with SMTP AUTH:
     * {@code submittedBy} is the agent the submission listener authenticated (null for none).
     */
    public SpooledMail commit(IncomingFile file, String envelopeFrom, List<String> recipients, String submittedBy) throws IOException {
        String hash = file.finish();
        try {
            Optional<SpooledMail> earlier = byHash(hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Instant now = Instant.now();
            long size = Files.size(file.path);
            // named by content: the same bytes arriving twice at once land on one identical file
            String name = hash + ".eml";
            Files.move(file.path, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DataFiles.syncFolder(folder);
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            try {
                jdbc.update(connection -> {
                    var statement = connection.prepareStatement(
                            "insert into spool (content_hash, envelope_from, recipients, received_at, size_bytes, raw_file, state, submitted_by) values (?, ?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    statement.setString(1, hash);
                    statement.setString(2, envelopeFrom);
                    statement.setString(3, String.join(",", recipients));
                    statement.setTimestamp(4, Timestamp.from(now));
                    statement.setLong(5, size);
                    statement.setString(6, name);
                    statement.setString(7, PENDING);
                    statement.setString(8, submittedBy);
                    return statement;
                }, key);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                return byHash(hash).orElseThrow(() -> raced);
            }
            return new SpooledMail(key.getKey().longValue(), envelopeFrom, recipients, now, size);
        } finally {
            Files.deleteIfExists(file.path);
        }
    }

    public void discard(IncomingFile file) {
        try {
            file.close();
            Files.deleteIfExists(file.path);
        } catch (IOException ignored) {
            // a leftover temp file is removed with the next start's sweep
        }
    }

    private Optional<SpooledMail> byHash(String hash) {
        return jdbc.query("select id, envelope_from, recipients, received_at, size_bytes from spool where content_hash = ?",
                (rs, n) -> row(rs), hash).stream().findFirst();
    }

    /** The agent who submitted this message with SMTP AUTH on the submission listener; empty for all other mail. */
    public Optional<String> submittedBy(long id) {
        return jdbc.queryForList("select submitted_by from spool where id = ? and submitted_by is not null", String.class, id)
                .stream().findFirst();
    }

    public Optional<SpooledMail> find(long id) {
        return jdbc.query("select id, envelope_from, recipients, received_at, size_bytes from spool where id = ?",
                (rs, n) -> row(rs), id).stream().findFirst();
    }

    /**
     * The raw message as it arrived, as a shared stream: Jakarta Mail parses parts of it as
     * sub-streams, so that a part nobody changes is read from the disk and never held in memory.
     * The caller closes it.
     */
    public InputStream raw(long id) throws IOException {
        var rows = jdbc.query("select raw_file, raw from spool where id = ? and sealed_for is null",
                (rs, n) -> new Object[] {rs.getString(1), rs.getString(1) == null ? rs.getBytes(2) : null}, id);
        if (rows.isEmpty()) {
            throw new IllegalStateException("spooled message " + id + " does not exist or is sealed");
        }
        if (rows.get(0)[0] instanceof String name) {
            return new SharedFileInputStream(folder.resolve(name).toFile(), 8 * 1024);
        }
        // spooled before raw messages moved into files, or forgotten once filed
        byte[] bytes = (byte[]) rows.get(0)[1];
        return new SharedByteArrayInputStream(bytes == null ? new byte[0] : bytes);
    }

    /**
     * Takes a pending message for processing and counts the attempt (so that a message that kills
     * the server every time is not retried forever); false when another worker has it or it is done.
     */
    public boolean claim(long id) {
        return jdbc.update("update spool set state = ?, attempts = attempts + 1 where id = ? and state = ?", PROCESSING, id, PENDING) == 1;
    }

    /**
     * Marks a message that an import just spooled as imported: filed without acknowledgement or
     * notification. A message already taken up (the same bytes received before) is left as it is.
     */
    public void markImported(long id) {
        jdbc.update("update spool set imported = ? where id = ? and state = ? and attempts = 0", true, id, PENDING);
    }

    /** Whether the message came in through an import (bin/postdesk import). */
    public boolean isImported(long id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select imported from spool where id = ?", Boolean.class, id));
    }

    /** How many times the pipeline has taken this message, this one included. */
    public int attempts(long id) {
        return jdbc.queryForObject("select attempts from spool where id = ?", Integer.class, id);
    }

    /**
     * Puts a message being processed back to pending, for the pipeline to take again after a wait
     * (or at the next start): it failed for a reason that may pass, or its outcome could not be
     * recorded. True if it was being processed.
     */
    public boolean release(long id) {
        return jdbc.update("update spool set state = ? where id = ? and state = ?", PENDING, id, PROCESSING) == 1;
    }

    /**
     * Puts a message being processed back to pending to wait for a peer that is down (the spam
     * filter): that take does not count as an attempt. True if it was being processed.
     */
    public boolean waitUncounted(long id) {
        return jdbc.update("update spool set state = ?, attempts = attempts - 1 where id = ? and state = ?", PENDING, id, PROCESSING) == 1;
    }

    /**
     * Records the pipeline's outcome, called inside the transaction that commits it; the raw bytes
     * have served their purpose and are deleted once that transaction commits.
     */
    public void settle(long id, String outcome, String detail) {
        forgetRaw(id);
        done(id, outcome, detail);
    }

    private void done(long id, String outcome, String detail) {
        jdbc.update("update spool set state = ?, outcome = ?, outcome_detail = ?, processed_at = ? where id = ?",
                DONE, outcome, detail, Timestamp.from(Instant.now()), id);
    }

    /**
     * Settles a message as quarantined, inside the transaction that records the quarantine: its raw
     * bytes are kept only sealed under {@code sender}'s key, so that it can be retried; the clear
     * file is deleted once that transaction commits.
     */
    public void quarantine(long id, String sender, String detail) {
        keepSealed(id, sender, "quarantined", detail);
    }

    /**
     * Settles a message with {@code outcome} (quarantined, spam, a refused agent answer), keeping its
     * raw bytes only sealed under {@code sender}'s key until it is released ({@link #reopen}), opened
     * by the privacy officer ({@link #openSealed}) or erased ({@link #eraseKept}).
     */
    public void keepSealed(long id, String sender, String outcome, String detail) {
        List<String> names = jdbc.queryForList("select raw_file from spool where id = ? and raw_file is not null and sealed_for is null",
                String.class, id);
        String owner = sender == null ? "unknown" : sender;
        for (String name : names) {
            String sealedName = name.replaceFirst("\\.eml$", "") + ".sealed";
            Path sealed = folder.resolve(sealedName);
            DataFiles.deleteOnRollback(sealed);
            try {
                sealer.sealFile(owner, sealContext(id), folder.resolve(name), sealed);
                DataFiles.syncFolder(folder);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot seal quarantined message " + id, e);
            }
            jdbc.update("update spool set raw_file = ?, sealed_for = ? where id = ?", sealedName, owner, id);
            DataFiles.deleteOnCommit(folder.resolve(name));
        }
        // a message spooled into the database column before raw bytes moved into files keeps it: nothing is lost
        done(id, outcome, detail);
    }

    /**
     * Erases what is kept of a settled message (its sealed bytes, its envelope): its time is up. The
     * row stays as a record that something was received, without the sender or the recipients.
     */
    public void eraseKept(long id) {
        List<String> names = jdbc.queryForList("select raw_file from spool where id = ? and raw_file is not null", String.class, id);
        jdbc.update("update spool set raw = null, raw_file = null, sealed_for = null, envelope_from = null, recipients = '' where id = ? and state = ?", id, DONE);
        names.forEach(name -> DataFiles.deleteOnCommit(folder.resolve(name)));
    }

    /**
     * Opens a quarantined message again for a retry, inside the transaction that releases it: its
     * sealed bytes are unsealed into the spool, and it is pending with a fresh count of attempts.
     * False when it has no sealed bytes to open.
     */
    public boolean reopen(long id) {
        var rows = jdbc.query("select raw_file, sealed_for from spool where id = ? and sealed_for is not null",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, id);
        if (rows.isEmpty() || !sealer.hasKeyOf(rows.get(0)[1])) {
            return false; // nothing sealed, or its sender was erased: nothing left to retry
        }
        String sealedName = rows.get(0)[0];
        String name = sealedName.replaceFirst("\\.sealed$", "") + ".eml";
        Path plain = folder.resolve(name);
        DataFiles.deleteOnRollback(plain);
        try {
            sealer.unsealFile(rows.get(0)[1], sealContext(id), folder.resolve(sealedName), plain);
            DataFiles.syncFolder(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open quarantined message " + id, e);
        }
        jdbc.update("update spool set raw_file = ?, sealed_for = null, state = ?, attempts = 0, outcome = null, outcome_detail = null, processed_at = null where id = ?",
                name, PENDING, id);
        DataFiles.deleteOnCommit(folder.resolve(sealedName));
        return true;
    }

    /** The sealed original of a settled message, decrypted while it is read (close it); empty when none is kept or its key is gone. */
    public Optional<InputStream> openSealed(long id) throws IOException {
        var rows = jdbc.query("select raw_file, sealed_for from spool where id = ? and sealed_for is not null and raw_file is not null",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, id);
        if (rows.isEmpty() || !sealer.hasKeyOf(rows.get(0)[1])) {
            return Optional.empty();
        }
        return Optional.of(sealer.openFile(rows.get(0)[1], sealContext(id), folder.resolve(rows.get(0)[0])));
    }

    private static String sealContext(long id) {
        return "spool:" + id;
    }

    /**
     * Drops the raw bytes of a message whose outcome is committed with this transaction (a filed one
     * once its sealed original is written): the spool file is deleted only after that transaction
     * commits, so a rollback loses nothing.
     */
    public void forgetRaw(long id) {
        List<String> names = jdbc.queryForList("select raw_file from spool where id = ? and raw_file is not null", String.class, id);
        jdbc.update("update spool set raw = null, raw_file = null, sealed_for = null where id = ?", id);
        names.forEach(name -> DataFiles.deleteOnCommit(folder.resolve(name)));
    }

    public boolean isSettled(long id) {
        return DONE.equals(jdbc.queryForObject("select state from spool where id = ?", String.class, id));
    }

    /** After a crash, what was being processed goes back to pending; returns every pending id, oldest first. */
    public List<Long> resumable() {
        jdbc.update("update spool set state = ? where state = ?", PENDING, PROCESSING);
        return jdbc.queryForList("select id from spool where state = ? order by id", Long.class, PENDING);
    }

    /**
     * Removes files no row names, before the ingress and the pipeline start: messages half received
     * (never acknowledged), spool files moved in by a commit whose row was never written, and those
     * of settled messages whose deletion after the commit did not happen.
     */
    public void sweepLeftovers() {
        DataFiles.sweep(incoming, List.of());
        DataFiles.sweep(folder, jdbc.queryForList("select raw_file from spool where raw_file is not null", String.class));
    }

    /** Counts and latency figures of the spool (milliseconds from spooling to the committed outcome). */
    public java.util.Map<String, Object> figures() {
        var out = new java.util.LinkedHashMap<String, Object>();
        out.put("spooled", jdbc.queryForObject("select count(*) from spool", Long.class));
        out.put("pending", jdbc.queryForObject("select count(*) from spool where state <> ?", Long.class, DONE));
        List<long[]> times = jdbc.query("select received_at, processed_at from spool where state = ? and processed_at is not null",
                (rs, n) -> new long[] {rs.getTimestamp(1).getTime(), rs.getTimestamp(2).getTime()}, DONE);
        long[] latencies = times.stream().mapToLong(t -> t[1] - t[0]).sorted().toArray();
        out.put("settled", latencies.length);
        out.put("latencyP50Ms", percentile(latencies, 0.50));
        out.put("latencyP99Ms", percentile(latencies, 0.99));
        out.put("latencyMaxMs", latencies.length == 0 ? null : latencies[latencies.length - 1]);
        out.put("firstReceivedAt", times.stream().mapToLong(t -> t[0]).min().stream().mapToObj(ms -> Instant.ofEpochMilli(ms).toString()).findFirst().orElse(null));
        out.put("lastSettledAt", times.stream().mapToLong(t -> t[1]).max().stream().mapToObj(ms -> Instant.ofEpochMilli(ms).toString()).findFirst().orElse(null));
        return out;
    }

    private static Long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static SpooledMail row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String recipients = rs.getString("recipients");
        return new SpooledMail(rs.getLong("id"), rs.getString("envelope_from"),
                recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split(",")),
                rs.getTimestamp("received_at").toInstant(), rs.getLong("size_bytes"));
    }

    /**
     * A message being received: written through a digest, synced to disk before it is committed.
     * Our own {@code Received} line ({@link #writeTrace}) stays out of the digest: it carries the
     * time and the session, and with it no two deliveries of the same bytes would hash alike.
     */
    public static final class IncomingFile implements AutoCloseable {
        private final Path path;
        private final MessageDigest digest;
        private final java.io.OutputStream out;
        private long written;

        private IncomingFile(Path path) throws IOException {
            this.path = path;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.out = new java.io.BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE), 64 * 1024);
        }

        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            written += length;
            digest.update(buffer, offset, length);
        }

        /**
         * Writes our trace header ({@code Received}) ahead of the message: outside the content hash
         * and the size count, since it differs per delivery and the same message twice is spooled once.
         */
        public void writeTrace(byte[] header) throws IOException {
            out.write(header);
        }

        public long written() {
            return written;
        }

        private String finish() throws IOException {
            out.close();
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
