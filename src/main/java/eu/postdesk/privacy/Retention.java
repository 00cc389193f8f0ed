package eu.postdesk.privacy;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.ConfFiles;
import eu.postdesk.DataFiles;
import eu.postdesk.PostdeskProperties;
import eu.postdesk.timers.JobLease;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the retention rules ({@link RetentionRules}, {@code conf/retention.yml}) on a timer, on one
 * node at a time ({@link JobLease}), by the injected clock: due tickets are erased through
 * {@link Erasure} (resumable like any erasure), the raw bytes of old quarantined messages and old
 * sealed originals are destroyed, and customers with nothing left are forgotten. A legal hold stops
 * every rule for its ticket or customer. Each run's result (counts and ticket numbers per rule) is recorded.
 */
@Component
public class Retention implements SmartLifecycle {
    static final String JOB = "retention";
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final JobLease lease;
    private final Erasure erasure;
    private final LegalHolds holds;
    private final PrivacyRecord record;
    private final ErasureByMail byMail;
    private final RetentionRules rules;
    private final PostdeskProperties properties;
    private final Path spoolFolder;
    private final Path sealedFolder;
    private ScheduledExecutorService timer;

    public Retention(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, JobLease lease, Erasure erasure, LegalHolds holds,
                     PrivacyRecord record, ErasureByMail byMail, ConfFiles conf, PostdeskProperties properties) {
        this.byMail = byMail;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.lease = lease;
        this.erasure = erasure;
        this.holds = holds;
        this.record = record;
        this.properties = properties;
        this.rules = conf.text("retention.yml").map(text -> RetentionRules.parse(text, conf.origin("retention.yml"))).orElse(RetentionRules.none());
        this.spoolFolder = properties.getDataDir().resolve("spool");
        this.sealedFolder = properties.getDataDir().resolve("sealed");
    }

    public RetentionRules rules() {
        return rules;
    }

    /** What the next run would erase now: per rule, its count and (for ticket rules) the ticket numbers. */
    public List<Map<String, Object>> preview() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RetentionRules.Rule rule : rules.rules()) {
            Map<String, Object> entry = describe(rule);
            switch (rule.kind()) {
                case RetentionRules.CLOSED_TICKETS, RetentionRules.INACTIVE_TICKETS -> {
                    List<Long> numbers = dueTickets(rule).stream().map(t -> t[1]).sorted().toList();
                    entry.put("tickets", numbers);
                    entry.put("count", numbers.size());
                }
                case RetentionRules.RAW_BYTES -> entry.put("count", dueRawBytes(rule).size());
                default -> entry.put("count", dueOriginals(rule).size());
            }
            out.add(entry);
        }
        return out;
    }

    /** Runs the rules now, unless another node is running them; the run's record, or empty when another node had the lease. */
    public Optional<Map<String, Object>> runNow() {
        Map<String, Object>[] result = new Map[1];
        boolean ran = lease.runAlone(JOB, Duration.ofHours(1), () -> result[0] = run());
        return ran ? Optional.of(result[0]) : Optional.empty();
    }

    private Map<String, Object> run() {
        Instant started = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var s = connection.prepareStatement("insert into retention_runs (started_at, status) values (?, 'running')", new String[] {"id"});
            s.setTimestamp(1, Timestamp.from(started));
            return s;
        }, key);
        long runId = key.getKey().longValue();
        List<Map<String, Object>> perRule = new ArrayList<>();
        int ticketsErased = 0;
        String status = "done";
        try {
            for (RetentionRules.Rule rule : rules.rules()) {
                Map<String, Object> entry = describe(rule);
                switch (rule.kind()) {
                    case RetentionRules.CLOSED_TICKETS, RetentionRules.INACTIVE_TICKETS -> {
                        List<long[]> due = dueTickets(rule);
                        if (!due.isEmpty()) {
                            String request = erasure.eraseTickets(due.stream().map(t -> t[0]).toList(), "retention rule '" + rule.name() + "'", "retention");
                            entry.put("erasure", request);
                        }
                        entry.put("tickets", due.stream().map(t -> t[1]).sorted().toList());
                        entry.put("count", due.size());
                        ticketsErased += due.size();
                    }
                    case RetentionRules.RAW_BYTES -> entry.put("count", eraseRawBytes(dueRawBytes(rule)));
                    default -> entry.put("count", eraseOriginals(dueOriginals(rule)));
                }
                perRule.add(entry);
            }
            Map<String, Object> expired = new LinkedHashMap<>();
            expired.put("name", "unconfirmed erasure requests by mail, expired");
            expired.put("kind", "expired-requests");
            expired.put("count", byMail.forgetExpired());
            perRule.add(expired);
            if (rules.forgetCustomers()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", "customers with nothing left");
                entry.put("kind", "forget-customers");
                entry.put("count", erasure.forgetCustomersWithNothingLeft());
                perRule.add(entry);
            }
        } catch (RuntimeException e) {
            status = "failed";
            log.error("retention run {} failed ({}); the next run tries again", runId, e.getClass().getName());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", runId);
        result.put("startedAt", started.toString());
        result.put("finishedAt", clock.instant().toString());
        result.put("status", status);
        result.put("rules", perRule);
        jdbc.update("update retention_runs set finished_at = ?, status = ?, result = ? where id = ?",
                Timestamp.from(clock.instant()), status, JSON.writeValueAsString(perRule), runId);
        record.retentionRun(runId, ticketsErased);
        return result;
    }

    /** The recorded runs, newest first. */
    public List<Map<String, Object>> runs() {
        return jdbc.query("select id, started_at, finished_at, status, result from retention_runs order by id desc", (rs, n) -> {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("id", rs.getLong("id"));
            run.put("startedAt", rs.getTimestamp("started_at").toInstant().toString());
            run.put("finishedAt", rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant().toString());
            run.put("status", rs.getString("status"));
            run.put("rules", rs.getString("result") == null ? List.of() : JSON.readValue(rs.getString("result"), List.class));
            return run;
        });
    }

    private static Map<String, Object> describe(RetentionRules.Rule rule) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", rule.name());
        entry.put("kind", rule.kind());
        entry.put("days", rule.days());
        entry.put("queue", rule.queue());
        return entry;
    }

    private Timestamp cutoff(RetentionRules.Rule rule) {
        return Timestamp.from(clock.instant().minus(Duration.ofDays(rule.days())));
    }

    /** Ticket id and number of every ticket the rule has come due for, held ones left out. */
    private List<long[]> dueTickets(RetentionRules.Rule rule) {
        String when = rule.kind().equals(RetentionRules.CLOSED_TICKETS)
                ? "status in ('solved', 'closed') and coalesce(closed_at, solved_at, updated_at) < ?"
                : "updated_at < ?";
        List<Object> args = new ArrayList<>(List.of(cutoff(rule)));
        String queue = "";
        if (rule.queue() != null) {
            queue = " and lower(queue) = ?";
            args.add(rule.queue());
        }
        return jdbc.query("select id, number from tickets where " + when + queue + " order by number", (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)},
                args.toArray()).stream().filter(t -> !holds.holdsTicket(t[0])).toList();
    }

    /** Spool rows of quarantined messages older than the rule that still hold (sealed) bytes, held senders left out. */
    private List<Long> dueRawBytes(RetentionRules.Rule rule) {
        return jdbc.queryForList("select q.spool_id from quarantine q join spool s on s.id = q.spool_id where q.received_at < ?"
                + " and (s.raw_file is not null or s.raw is not null)"
                + " and not exists (select 1 from legal_holds h where h.customer = lower(q.from_address))", Long.class, cutoff(rule));
    }

    private int eraseRawBytes(List<Long> spoolIds) {
        int erased = 0;
        for (long id : spoolIds) {
            List<Path> files = new ArrayList<>();
            transaction.executeWithoutResult(status -> {
                jdbc.queryForList("select raw_file from spool where id = ? and raw_file is not null", String.class, id)
                        .forEach(name -> files.add(spoolFolder.resolve(name)));
                jdbc.update("update spool set raw = null, raw_file = null, sealed_for = null where id = ?", id);
                jdbc.update("update quarantine set reason = reason || ' (raw bytes erased by retention)' where spool_id = ?", id);
            });
            files.forEach(DataFiles::deleteQuietly);
            erased++;
        }
        return erased;
    }

    /** Sealed originals older than the rule, of tickets no hold keeps. */
    private List<Long> dueOriginals(RetentionRules.Rule rule) {
        return jdbc.query("select s.message_id, m.ticket_id from sealed_originals s join messages m on m.id = s.message_id where s.created_at < ?",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, cutoff(rule)).stream()
                .filter(o -> !holds.holdsTicket(o[1])).map(o -> o[0]).toList();
    }

    private int eraseOriginals(List<Long> messageIds) {
        int erased = 0;
        for (long messageId : messageIds) {
            List<Path> files = new ArrayList<>();
            transaction.executeWithoutResult(status -> {
                jdbc.queryForList("select sealed_file from sealed_originals where message_id = ? and sealed_file is not null", String.class, messageId)
                        .forEach(name -> files.add(sealedFolder.resolve(name)));
                jdbc.update("delete from sealed_originals where message_id = ?", messageId);
            });
            files.forEach(DataFiles::deleteQuietly);
            erased++;
        }
        return erased;
    }

    // ---- the timer ----

    @Override
    public void start() {
        if (!properties.getErasure().isRetentionEnabled() || rules.rules().isEmpty() && !rules.forgetCustomers()) {
            return;
        }
        long every = properties.getErasure().getRetentionEvery().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("retention").factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                runNow();
            } catch (RuntimeException e) {
                log.error("retention run failed ({})", e.getClass().getName());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
