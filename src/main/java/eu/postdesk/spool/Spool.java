package eu.postdesk.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
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

/**
 * The durable spool: raw bytes (a file {@code data-dir/spool/<content hash>.eml}) plus envelope (a row),
 * keyed by a content hash. A message is spooled
 * before SMTP answers 250 and leaves the spool's pending state only when the pipeline has
 * committed its outcome. The same bytes delivered twice are spooled once.
 */
@Component
public class Spool {
    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String DONE = "done";

    private final JdbcTemplate jdbc;
    private final Path incoming;
    private final Path folder;

    public Spool(JdbcTemplate jdbc, PostdeskProperties properties) throws IOException {
        this.jdbc = jdbc;
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
                            "insert into spool (content_hash, envelope_from, recipients, received_at, size_bytes, raw_file, state) values (?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    statement.setString(1, hash);
                    statement.setString(2, envelopeFrom);
                    statement.setString(3, String.join(",", recipients));
                    statement.setTimestamp(4, Timestamp.from(now));
                    statement.setLong(5, size);
                    statement.setString(6, name);
                    statement.setString(7, PENDING);
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
        var rows = jdbc.query("select raw_file, raw from spool where id = ?",
                (rs, n) -> new Object[] {rs.getString(1), rs.getString(1) == null ? rs.getBytes(2) : null}, id);
        if (rows.isEmpty()) {
            throw new IllegalStateException("spooled message " + id + " does not exist");
        }
        if (rows.get(0)[0] instanceof String name) {
            return new SharedFileInputStream(folder.resolve(name).toFile(), 8 * 1024);
        }
        // spooled before raw messages moved into files, or forgotten once filed
        byte[] bytes = (byte[]) rows.get(0)[1];
        return new SharedByteArrayInputStream(bytes == null ? new byte[0] : bytes);
    }

    /** Takes a pending message for processing; false when another worker has it or it is done. */
    public boolean claim(long id) {
        return jdbc.update("update spool set state = ? where id = ? and state = ?", PROCESSING, id, PENDING) == 1;
    }

    /** Records the pipeline's outcome; called inside the transaction that files the message. */
    public void settle(long id, String outcome, String detail) {
        jdbc.update("update spool set state = ?, outcome = ?, outcome_detail = ?, processed_at = ? where id = ?",
                DONE, outcome, detail, Timestamp.from(Instant.now()), id);
    }

    /**
     * Drops the raw bytes of a filed message once its sealed original is committed with it: the
     * spool file is deleted only after that transaction commits, so a rollback loses nothing.
     */
    public void forgetRaw(long id) {
        List<String> names = jdbc.queryForList("select raw_file from spool where id = ? and raw_file is not null", String.class, id);
        jdbc.update("update spool set raw = null, raw_file = null where id = ?", id);
        names.forEach(name -> DataFiles.deleteOnCommit(folder.resolve(name)));
    }

    public boolean isSettled(long id) {
        return DONE.equals(jdbc.queryForObject("select state from spool where id = ?", String.class, id));
    }

    /** After a crash, what was being processed goes back to pending; returns every pending id, oldest first. */
    public List<Long> resumable() {
        jdbc.update("update spool set state = ? where state = ?", PENDING, PROCESSING);
        try (var leftovers = Files.list(incoming)) {
            leftovers.forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // not spooled, never acknowledged: nothing is lost by leaving them
        }
        sweepSpoolFolder();
        return jdbc.queryForList("select id from spool where state = ? order by id", Long.class, PENDING);
    }

    /**
     * Removes spool files no row names: moved in by a commit whose row was never written (so never
     * acknowledged), or of filed messages whose deletion after the commit did not happen.
     */
    private void sweepSpoolFolder() {
        var named = new java.util.HashSet<>(jdbc.queryForList("select raw_file from spool where raw_file is not null", String.class));
        try (var files = Files.list(folder)) {
            files.filter(path -> !named.contains(path.getFileName().toString())).forEach(DataFiles::deleteQuietly);
        } catch (IOException ignored) {
            // leftovers take space but lose nothing; the next start tries again
        }
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

    /** A message being received: written through a digest, synced to disk before it is committed. */
    public static final class IncomingFile implements AutoCloseable {
        private final Path path;
        private final MessageDigest digest;
        private final DigestOutputStream out;
        private long written;

        private IncomingFile(Path path) throws IOException {
            this.path = path;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.out = new DigestOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE), digest);
        }

        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            written += length;
        }

        /**
         * Writes our trace header ({@code Received}) ahead of the message: outside the content hash
         * and the size count, since it differs per delivery and the same message twice is spooled once.
         */
        public void writeTrace(byte[] header) throws IOException {
            out.on(false);
            try {
                out.write(header);
            } finally {
                out.on(true);
            }
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
