package eu.postdesk.privacy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.CrashPoint;
import eu.postdesk.DataFiles;
import eu.postdesk.PostdeskProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erases one person's data (one or several addresses of theirs, optionally only the tickets opened
 * in a period) or a list of tickets (retention): the tickets, their messages, attachments (files),
 * sealed originals (files), spool and quarantine copies, outbox rows, participants, Message-ID
 * records, ticket events and dropped rows naming them. A ticket shared with other customers keeps
 * their parts and loses this person's; agents' answers in an erased ticket go with it. When nothing
 * of the person is left their data key is destroyed (crypto-shredding: every copy of their sealed
 * originals, in backups too, is unreadable).
 *
 * <p>A request runs only once confirmed. Its plan (the tickets) is recorded at confirmation and each
 * ticket is erased in its own transaction that marks its step done, so a server killed in the middle
 * finishes the request at its next start ({@link #resume}); running a step twice erases nothing twice.
 * Once done, the request keeps only keyed hashes of the addresses and the signed receipt.
 */
@Component
public class Erasure {
    public static final String AWAITING = "awaiting-confirmation";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SealedOriginals originals;
    private final LegalHolds holds;
    private final ReceiptSigner signer;
    private final PrivacyRecord record;
    private final byte[] subjectKey;
    private final Path spoolFolder;
    private final Path sealedFolder;
    private final Path attachmentFolder;

    public Erasure(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, SealedOriginals originals, LegalHolds holds,
                   ReceiptSigner signer, PrivacyRecord record, MasterKey masterKey, PostdeskProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.originals = originals;
        this.holds = holds;
        this.signer = signer;
        this.record = record;
        this.subjectKey = java.util.Base64.getDecoder().decode(masterKey.derivedSecret("erasure subjects"));
        this.spoolFolder = properties.getDataDir().resolve("spool");
        this.sealedFolder = properties.getDataDir().resolve("sealed");
        this.attachmentFolder = properties.getDataDir().resolve("attachments");
    }

    /** Whose data, and which: addresses of one person and an optional period (on ticket creation, days inclusive). */
    public record Scope(List<String> subjects, LocalDate from, LocalDate to) {
        public Scope {
            subjects = subjects.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        }
    }

    /** What a request will erase: ticket numbers, how many messages and attachments. */
    public record Preview(List<Long> tickets, int messages, int attachments) {
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("tickets", tickets);
            out.put("messages", messages);
            out.put("attachments", attachments);
            return out;
        }
    }

    /** A planned ticket: erased whole, or only the person's part of it (a ticket shared with others). */
    private record Step(long ticketId, long number, boolean whole) {
    }

    // ---- the plan ----

    /** What erasing this person's data would erase now (held tickets left out). */
    public Preview preview(Scope scope) {
        return preview(scope, steps(scope));
    }

    private Preview preview(Scope scope, List<Step> steps) {
        int messages = 0;
        int attachments = 0;
        for (Step step : steps) {
            List<Long> ids = messagesOf(step, scope.subjects());
            messages += ids.size();
            attachments += countIn("select count(*) from attachments where message_id in (%s)", ids);
        }
        return new Preview(steps.stream().map(Step::number).sorted().toList(), messages, attachments);
    }

    private List<Step> steps(Scope scope) {
        if (scope == null || scope.subjects().isEmpty()) {
            return List.of();
        }
        String in = placeholders(scope.subjects().size());
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            args.addAll(scope.subjects());
        }
        String period = "";
        if (scope.from() != null) {
            period += " and t.created_at >= ?";
            args.add(Timestamp.from(scope.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (scope.to() != null) {
            period += " and t.created_at < ?";
            args.add(Timestamp.from(scope.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        List<long[]> tickets = jdbc.query("select t.id, t.number from tickets t where (lower(t.customer) in (" + in + ") or lower(t.reply_address) in (" + in + ")"
                        + " or t.id in (select ticket_id from participants where address in (" + in + "))"
                        + " or t.id in (select ticket_id from messages where lower(from_address) in (" + in + ")))" + period + " order by t.number",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, args.toArray());
        List<Step> steps = new ArrayList<>();
        for (long[] ticket : tickets) {
            if (holds.holdsTicket(ticket[0]) && !heldOnlyThroughOthers(ticket[0], scope)) {
                continue;
            }
            steps.add(new Step(ticket[0], ticket[1], !sharedWithOthers(ticket[0], scope.subjects())));
        }
        return steps;
    }

    /** A ticket held only because another participant is held still loses this person's part; one held itself or through them is left alone. */
    private boolean heldOnlyThroughOthers(long ticketId, Scope scope) {
        boolean ticketHeld = jdbc.queryForObject("select count(*) from legal_holds where ticket_number = (select number from tickets where id = ?)",
                Integer.class, ticketId) > 0;
        boolean personHeld = scope.subjects().stream().anyMatch(holds::holdsCustomer);
        return !ticketHeld && !personHeld && sharedWithOthers(ticketId, scope.subjects());
    }

    private boolean sharedWithOthers(long ticketId, List<String> subjects) {
        String in = placeholders(subjects.size());
        List<Object> args = new ArrayList<>();
        args.add(ticketId);
        args.addAll(subjects);
        int otherParticipants = jdbc.queryForObject("select count(*) from participants where ticket_id = ? and address not in (" + in + ")",
                Integer.class, args.toArray());
        int otherSenders = jdbc.queryForObject("select count(*) from messages where ticket_id = ? and direction = 'inbound'"
                + " and from_address is not null and lower(from_address) not in (" + in + ")", Integer.class, args.toArray());
        return otherParticipants + otherSenders > 0;
    }

    /** The messages a step erases: all of a whole ticket's, or the person's own in a shared one. */
    private List<Long> messagesOf(Step step, List<String> subjects) {
        if (step.whole() || subjects.isEmpty()) {
            return jdbc.queryForList("select id from messages where ticket_id = ?", Long.class, step.ticketId());
        }
        List<Object> args = new ArrayList<>();
        args.add(step.ticketId());
        args.addAll(subjects);
        return jdbc.queryForList("select id from messages where ticket_id = ? and direction = 'inbound' and lower(from_address) in ("
                + placeholders(subjects.size()) + ")", Long.class, args.toArray());
    }

    // ---- requests ----

    /**
     * Records a request to erase this person's data, awaiting confirmation; returns its id. Nothing
     * is erased until {@link #confirm}.
     */
    public String request(Scope scope, String reason, String requestedBy, String channel) {
        if (scope.subjects().isEmpty()) {
            throw new IllegalArgumentException("name at least one address");
        }
        String id = UUID.randomUUID().toString();
        Preview preview = preview(scope);
        jdbc.update("insert into erasure_requests (id, status, subjects, subject_hashes, period_from, period_to, reason, channel, requested_by, preview, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, AWAITING, String.join("\n", scope.subjects()), String.join("\n", scope.subjects().stream().map(this::subjectHash).toList()),
                scope.from() == null ? null : java.sql.Date.valueOf(scope.from()), scope.to() == null ? null : java.sql.Date.valueOf(scope.to()),
                reason, channel, requestedBy, JSON.writeValueAsString(preview.json()), Timestamp.from(clock.instant()));
        return id;
    }

    /** Records a request to erase one ticket whole (everyone's part of it), awaiting confirmation; empty when there is no such ticket. */
    public Optional<String> requestTicket(long number, String reason, String requestedBy) {
        List<Long> ids = jdbc.queryForList("select id from tickets where number = ?", Long.class, number);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Step step = new Step(ids.get(0), number, true);
        Preview preview = preview(new Scope(List.of(), null, null), holds.holdsTicket(step.ticketId()) ? List.of() : List.of(step));
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into erasure_requests (id, status, subjects, subject_hashes, ticket_number, reason, channel, requested_by, preview, created_at)"
                        + " values (?, ?, null, '', ?, ?, 'api', ?, ?, ?)",
                id, AWAITING, number, reason, requestedBy, JSON.writeValueAsString(preview.json()), Timestamp.from(clock.instant()));
        return Optional.of(id);
    }

    /**
     * Erases these tickets whole (retention: their rule has come due), through the same plan and
     * steps as a person's erasure, confirmed at once; returns the request's id.
     */
    public String eraseTickets(List<Long> ticketIds, String reason, String by) {
        String id = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            jdbc.update("insert into erasure_requests (id, status, subjects, subject_hashes, reason, channel, requested_by, confirmed_by, created_at, confirmed_at)"
                    + " values (?, ?, null, '', ?, 'retention', ?, ?, ?, ?)", id, RUNNING, reason, by, by, Timestamp.from(now), Timestamp.from(now));
            for (long ticketId : ticketIds) {
                Long number = jdbc.queryForList("select number from tickets where id = ?", Long.class, ticketId).stream().findFirst().orElse(null);
                if (number != null && !holds.holdsTicket(ticketId)) {
                    jdbc.update("insert into erasure_steps (request_id, ticket_id, ticket_number, whole) values (?, ?, ?, true)", id, ticketId, number);
                }
            }
        });
        run(id);
        return id;
    }

    /** Why a request cannot be confirmed, or nothing: it is not waiting, or a legal hold stops it. */
    public enum Refusal { NOT_FOUND, NOT_AWAITING, HELD }

    /**
     * Confirms a request waiting for it and runs it to the end; returns empty when it ran, or why it
     * could not. A request is confirmed once: a second confirmation is refused.
     */
    public Optional<Refusal> confirm(String id, String by) {
        Optional<Map<String, Object>> row = row(id);
        if (row.isEmpty()) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        Scope scope = scopeOf(row.get());
        Long ticketNumber = row.get().get("ticket_number") == null ? null : ((Number) row.get().get("ticket_number")).longValue();
        List<Long> ticketIds = ticketNumber == null ? List.of() : jdbc.queryForList("select id from tickets where number = ?", Long.class, ticketNumber);
        if (scope != null && scope.subjects().stream().anyMatch(holds::holdsCustomer)
                || ticketIds.stream().anyMatch(holds::holdsTicket)) {
            return Optional.of(Refusal.HELD);
        }
        Boolean taken = transaction.execute(status -> {
            Instant now = clock.instant();
            if (jdbc.update("update erasure_requests set status = ?, confirmed_by = ?, confirmed_at = ? where id = ? and status = ?",
                    RUNNING, by, Timestamp.from(now), id, AWAITING) != 1) {
                return false;
            }
            List<Step> plan = scope != null ? steps(scope) : ticketIds.stream().map(t -> new Step(t, ticketNumber, true)).toList();
            for (Step step : plan) {
                jdbc.update("insert into erasure_steps (request_id, ticket_id, ticket_number, whole) values (?, ?, ?, ?)",
                        id, step.ticketId(), step.number(), step.whole());
            }
            return true;
        });
        if (!Boolean.TRUE.equals(taken)) {
            return Optional.of(Refusal.NOT_AWAITING);
        }
        run(id);
        return Optional.empty();
    }

    /** After a crash, every confirmed request that did not finish is run to its end. */
    @EventListener(ApplicationReadyEvent.class)
    public void resume() {
        for (String id : jdbc.queryForList("select id from erasure_requests where status in (?, ?) order by confirmed_at", String.class, RUNNING, FAILED)) {
            log.info("resuming erasure request {}", id);
            try {
                run(id);
            } catch (RuntimeException e) {
                // recorded as failed by run(); the next start tries again
            }
        }
    }

    /** Runs the pending steps of a confirmed request, then its loose ends, the key, the receipt. */
    void run(String id) {
        try {
            Map<String, Object> request = row(id).orElseThrow();
            Scope scope = scopeOf(request);
            List<String> subjects = scope == null ? List.of() : scope.subjects();
            List<Step> pending = jdbc.query("select ticket_id, ticket_number, whole from erasure_steps where request_id = ? and done = false order by ticket_number",
                    (rs, n) -> new Step(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)), id);
            for (Step step : pending) {
                List<Path> files = new ArrayList<>();
                transaction.executeWithoutResult(status -> {
                    int[] counts = step.whole() ? eraseWhole(step.ticketId(), files) : erasePart(step.ticketId(), subjects, files);
                    jdbc.update("update erasure_steps set done = true, messages = ?, attachments = ?, originals = ? where request_id = ? and ticket_id = ?",
                            counts[0], counts[1], counts[2], id, step.ticketId());
                });
                files.forEach(DataFiles::deleteQuietly);
                // a kill here leaves some steps done and some not: the next start finishes the request
                CrashPoint.reached(CrashPoint.ERASURE);
            }
            List<Path> files = new ArrayList<>();
            transaction.executeWithoutResult(status -> {
                Map<String, Integer> looseEnds = scope == null ? Map.of() : eraseLooseEnds(scope, files);
                boolean shredded = scope != null && shredIfNothingLeft(subjects);
                if (scope != null) {
                    // the audit trail keeps a person only as a keyed hash; their records' free texts go
                    subjects.forEach(record::forget);
                }
                finish(id, request, looseEnds, shredded);
            });
            files.forEach(DataFiles::deleteQuietly);
        } catch (RuntimeException e) {
            log.error("erasure request {} failed ({}); the next start tries again", id, e.getClass().getName());
            jdbc.update("update erasure_requests set status = ? where id = ? and status = ?", FAILED, id, RUNNING);
            throw e;
        }
    }

    // ---- erasing ----

    /** Erases a ticket and everything hanging on it; returns messages, attachments, originals erased. */
    private int[] eraseWhole(long ticketId, List<Path> files) {
        List<Long> messageIds = jdbc.queryForList("select id from messages where ticket_id = ?", Long.class, ticketId);
        int[] counts = eraseMessages(messageIds, files);
        List<Long> droppedSpool = jdbc.queryForList("select spool_id from dropped where ticket_id = ?", Long.class, ticketId);
        jdbc.update("delete from dropped where ticket_id = ?", ticketId);
        eraseSpool(droppedSpool, files);
        jdbc.update("delete from outbox where ticket_id = ?", ticketId);
        jdbc.update("delete from thread_ids where ticket_id = ?", ticketId);
        jdbc.update("delete from ticket_events where ticket_id = ?", ticketId);
        jdbc.update("delete from participants where ticket_id = ?", ticketId);
        jdbc.update("update tickets set follow_up_of = null where follow_up_of = ?", ticketId);
        jdbc.update("delete from tickets where id = ?", ticketId);
        return counts;
    }

    /** Erases one person's part of a ticket shared with others: their messages, their participant row, mail to them, events naming them. */
    private int[] erasePart(long ticketId, List<String> subjects, List<Path> files) {
        if (jdbc.queryForObject("select count(*) from tickets where id = ?", Integer.class, ticketId) == 0) {
            return new int[3];
        }
        String in = placeholders(subjects.size());
        List<Object> args = new ArrayList<>();
        args.add(ticketId);
        args.addAll(subjects);
        List<Long> messageIds = jdbc.queryForList("select id from messages where ticket_id = ? and direction = 'inbound' and lower(from_address) in (" + in + ")",
                Long.class, args.toArray());
        List<String> messageIdHeaders = jdbc.queryForList("select message_id from messages where message_id is not null and id in (" + orNone(messageIds) + ")", String.class);
        int[] counts = eraseMessages(messageIds, files);
        for (String header : messageIdHeaders) {
            jdbc.update("delete from thread_ids where message_id = ?", header);
        }
        jdbc.update("delete from participants where ticket_id = ? and address in (" + in + ")", args.toArray());
        jdbc.update("delete from outbox where ticket_id = ? and lower(recipient) in (" + in + ")", args.toArray());
        jdbc.update("delete from dropped where ticket_id = ? and lower(from_address) in (" + in + ")", args.toArray());
        for (String subject : subjects) {
            jdbc.update("delete from ticket_events where ticket_id = ? and (lower(actor) = ? or lower(detail) like ?)", ticketId, subject, "%" + likeEscaped(subject) + "%");
            // our answers to them stay with the others' conversation, without their address
            for (Map<String, Object> m : jdbc.queryForList("select id, to_addresses from messages where ticket_id = ? and lower(to_addresses) like ?",
                    ticketId, "%" + likeEscaped(subject) + "%")) {
                String to = String.valueOf(m.get("to_addresses"));
                String scrubbed = java.util.Arrays.stream(to.split(",")).map(String::strip).filter(a -> !a.toLowerCase(Locale.ROOT).contains(subject))
                        .reduce((a, b) -> a + ", " + b).orElse("");
                jdbc.update("update messages set to_addresses = ? where id = ?", scrubbed, m.get("id"));
            }
        }
        // a ticket this person opened, that others joined, passes to the first other participant; its title was theirs
        var ticket = jdbc.queryForMap("select customer, reply_address from tickets where id = ?", ticketId);
        String customer = String.valueOf(ticket.get("customer")).toLowerCase(Locale.ROOT);
        String reply = ticket.get("reply_address") == null ? null : ticket.get("reply_address").toString().toLowerCase(Locale.ROOT);
        if (subjects.contains(customer) || (reply != null && subjects.contains(reply))) {
            String heir = jdbc.queryForList("select address from participants where ticket_id = ? order by address", String.class, ticketId)
                    .stream().findFirst().orElse("unknown");
            jdbc.update("update tickets set customer = ?, reply_address = ?, subject = ? where id = ?",
                    heir, "unknown".equals(heir) ? null : heir, "(subject erased)", ticketId);
        }
        return counts;
    }

    /** Erases messages with their attachments (rows and files), sealed originals (rows and files) and spool rows. */
    private int[] eraseMessages(List<Long> messageIds, List<Path> files) {
        if (messageIds.isEmpty()) {
            return new int[3];
        }
        String ids = orNone(messageIds);
        jdbc.queryForList("select content_file from attachments where content_file is not null and message_id in (" + ids + ")", String.class)
                .forEach(name -> files.add(attachmentFolder.resolve(name)));
        jdbc.queryForList("select sealed_file from sealed_originals where sealed_file is not null and message_id in (" + ids + ")", String.class)
                .forEach(name -> files.add(sealedFolder.resolve(name)));
        List<Long> spoolIds = jdbc.queryForList("select spool_id from messages where spool_id is not null and id in (" + ids + ")", Long.class);
        int attachments = jdbc.update("delete from attachments where message_id in (" + ids + ")");
        int sealed = jdbc.update("delete from sealed_originals where message_id in (" + ids + ")");
        int messages = jdbc.update("delete from messages where id in (" + ids + ")");
        eraseSpool(spoolIds, files);
        return new int[] {messages, attachments, sealed};
    }

    /** Erases spool rows (and their files, clear or sealed) and the quarantine and dropped rows on them. */
    private int eraseSpool(List<Long> spoolIds, List<Path> files) {
        if (spoolIds.isEmpty()) {
            return 0;
        }
        String ids = orNone(spoolIds);
        jdbc.queryForList("select raw_file from spool where raw_file is not null and id in (" + ids + ")", String.class)
                .forEach(name -> files.add(spoolFolder.resolve(name)));
        jdbc.update("delete from quarantine where spool_id in (" + ids + ")");
        jdbc.update("delete from dropped where spool_id in (" + ids + ")");
        jdbc.update("delete from spam where spool_id in (" + ids + ")");
        return jdbc.update("delete from spool where state = 'done' and id in (" + ids + ")");
    }

    /**
     * What is left of the person outside tickets, within the period: quarantined and dropped mail
     * from them (with its spool copies), spool rows they sent, mail we wrote to them, events naming them.
     */
    private Map<String, Integer> eraseLooseEnds(Scope scope, List<Path> files) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        String in = placeholders(scope.subjects().size());
        String period = "";
        List<Object> extra = new ArrayList<>();
        if (scope.from() != null) {
            period += " and received_at >= ?";
            extra.add(Timestamp.from(scope.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (scope.to() != null) {
            period += " and received_at < ?";
            extra.add(Timestamp.from(scope.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        List<Object> args = new ArrayList<>(scope.subjects());
        args.addAll(extra);
        List<Long> quarantined = jdbc.queryForList("select spool_id from quarantine where lower(from_address) in (" + in + ")" + period, Long.class, args.toArray());
        List<Long> dropped = jdbc.queryForList("select spool_id from dropped where lower(from_address) in (" + in + ")" + period, Long.class, args.toArray());
        List<Object> spoolArgs = new ArrayList<>(scope.subjects());
        spoolArgs.addAll(scope.subjects());
        spoolArgs.addAll(extra);
        List<Long> sent = jdbc.queryForList("select id from spool where state = 'done' and (lower(envelope_from) in (" + in + ") or lower(sealed_for) in (" + in + "))"
                + period + " and id not in (select spool_id from messages where spool_id is not null)", Long.class, spoolArgs.toArray());
        // what the spam box keeps of them (sealed under their key) goes too
        List<Long> spam = jdbc.queryForList("select spool_id from spam where lower(from_address) in (" + in + ")" + period, Long.class, args.toArray());
        counts.put("quarantined", quarantined.size());
        counts.put("dropped", dropped.size());
        counts.put("spam", spam.size());
        LinkedHashSet<Long> spool = new LinkedHashSet<>(quarantined);
        spool.addAll(dropped);
        spool.addAll(spam);
        spool.addAll(sent);
        jdbc.update("delete from quarantine where lower(from_address) in (" + in + ")" + period, args.toArray());
        jdbc.update("delete from dropped where lower(from_address) in (" + in + ")" + period, args.toArray());
        jdbc.update("delete from spam where lower(from_address) in (" + in + ")" + period, args.toArray());
        counts.put("spoolCopies", eraseSpool(new ArrayList<>(spool), files));
        List<Object> outboxArgs = new ArrayList<>(scope.subjects());
        String outboxPeriod = period.replace("received_at", "created_at");
        outboxArgs.addAll(extra);
        counts.put("outbox", jdbc.update("delete from outbox where lower(recipient) in (" + in + ")" + outboxPeriod, outboxArgs.toArray()));
        int events = 0;
        for (String subject : scope.subjects()) {
            events += jdbc.update("delete from ticket_events where lower(actor) = ? or lower(detail) like ?", subject, "%" + likeEscaped(subject) + "%");
        }
        counts.put("events", events);
        return counts;
    }

    /** Destroys each address's data key when nothing sealed under it or filed from it is left. */
    private boolean shredIfNothingLeft(List<String> subjects) {
        boolean shredded = false;
        for (String subject : subjects) {
            int left = jdbc.queryForObject("select (select count(*) from tickets where lower(customer) = ? or lower(reply_address) = ?)"
                    + " + (select count(*) from participants where address = ?)"
                    + " + (select count(*) from messages where lower(from_address) = ?)"
                    + " + (select count(*) from sealed_originals where customer = ?)"
                    + " + (select count(*) from spool where lower(sealed_for) = ?)", Integer.class, subject, subject, subject, subject, subject, subject);
            if (left == 0) {
                shredded |= originals.destroyKeyOf(subject);
            }
        }
        return shredded;
    }

    /** Destroys the data key of every customer with nothing left (retention's "customers with no ticket left are forgotten"); returns how many. */
    public int forgetCustomersWithNothingLeft() {
        return jdbc.update("delete from customer_keys k where not exists (select 1 from sealed_originals s where s.customer = k.customer)"
                + " and not exists (select 1 from spool p where lower(p.sealed_for) = k.customer)"
                + " and not exists (select 1 from tickets t where lower(t.customer) = k.customer or lower(t.reply_address) = k.customer)"
                + " and not exists (select 1 from participants a where a.address = k.customer)"
                + " and not exists (select 1 from legal_holds h where h.customer = k.customer)");
    }

    // ---- the receipt ----

    private void finish(String id, Map<String, Object> request, Map<String, Integer> looseEnds, boolean shredded) {
        Map<String, Object> totals = jdbc.queryForMap("select count(*) as tickets, coalesce(sum(messages), 0) as messages, coalesce(sum(attachments), 0) as attachments,"
                + " coalesce(sum(originals), 0) as originals from erasure_steps where request_id = ?", id);
        Map<String, Object> receipt = new LinkedHashMap<>();
        Instant now = clock.instant();
        receipt.put("request", id);
        receipt.put("subjects", request.get("subject_hashes") == null || request.get("subject_hashes").toString().isEmpty() ? List.of()
                : List.of(request.get("subject_hashes").toString().split("\n")));
        receipt.put("subjectsAre", "HMAC-SHA256 of each address, keyed by the server: it can tell whether an address is among them, nobody else can");
        receipt.put("period", period(request));
        if (request.get("ticket_number") != null) {
            receipt.put("ticketRequested", ((Number) request.get("ticket_number")).longValue());
        }
        receipt.put("tickets", jdbc.queryForList("select ticket_number from erasure_steps where request_id = ? and whole = true order by ticket_number", Long.class, id));
        receipt.put("ticketsShared", jdbc.queryForList("select ticket_number from erasure_steps where request_id = ? and whole = false order by ticket_number", Long.class, id));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("messages", ((Number) totals.get("messages")).intValue());
        counts.put("attachments", ((Number) totals.get("attachments")).intValue());
        counts.put("sealedOriginals", ((Number) totals.get("originals")).intValue());
        counts.putAll(looseEnds);
        receipt.put("erased", counts);
        receipt.put("dataKeyDestroyed", shredded);
        receipt.put("requestedAt", jdbc.queryForObject("select created_at from erasure_requests where id = ?", Timestamp.class, id).toInstant().toString());
        receipt.put("onRequestOf", "mail".equals(request.get("channel")) ? "the data subject, by mail (address proven by a one-time confirmation)"
                : "retention".equals(request.get("channel")) ? "the retention rules" : "privacy officer " + request.get("requested_by"));
        receipt.put("reason", request.get("reason"));
        receipt.put("confirmedBy", request.get("confirmed_by") == null ? jdbc.queryForObject("select confirmed_by from erasure_requests where id = ?", String.class, id)
                : request.get("confirmed_by"));
        receipt.put("erasedAt", now.toString());
        receipt.put("signedBy", "postdesk " + ReceiptSigner.ALGORITHM + " (GET /api/privacy/receipt-key)");
        String document = JSON.writeValueAsString(receipt);
        String signature = signer.sign(document);
        jdbc.update("update erasure_requests set status = ?, subjects = null, receipt = ?, signature = ?, finished_at = ? where id = ?",
                DONE, document, signature, Timestamp.from(now), id);
        record.erasure(id, String.valueOf(receipt.get("confirmedBy")), ((Number) totals.get("tickets")).intValue());
    }

    private static Map<String, Object> period(Map<String, Object> request) {
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("from", request.get("period_from") == null ? null : request.get("period_from").toString());
        period.put("to", request.get("period_to") == null ? null : request.get("period_to").toString());
        return period;
    }

    /** A request as the API shows it: id, status, preview, and once done the receipt with its signature. */
    public Optional<Map<String, Object>> view(String id) {
        return row(id).map(row -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("status", row.get("status"));
            out.put("channel", row.get("channel"));
            if (row.get("preview") != null) {
                out.put("preview", JSON.readValue(row.get("preview").toString(), Map.class));
            }
            if (row.get("receipt") != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> receipt = new LinkedHashMap<>(JSON.readValue(row.get("receipt").toString(), Map.class));
                receipt.put("document", row.get("receipt"));
                receipt.put("signature", row.get("signature"));
                out.put("receipt", receipt);
            }
            return out;
        });
    }

    public List<Map<String, Object>> all() {
        return jdbc.queryForList("select id from erasure_requests order by created_at", String.class).stream()
                .map(this::view).flatMap(Optional::stream).toList();
    }

    private Optional<Map<String, Object>> row(String id) {
        return jdbc.queryForList("select * from erasure_requests where id = ?", id).stream().findFirst();
    }

    private static Scope scopeOf(Map<String, Object> row) {
        Object subjects = row.get("subjects");
        if (subjects == null || subjects.toString().isEmpty()) {
            return null;
        }
        return new Scope(List.of(subjects.toString().split("\n")),
                row.get("period_from") == null ? null : LocalDate.parse(row.get("period_from").toString()),
                row.get("period_to") == null ? null : LocalDate.parse(row.get("period_to").toString()));
    }

    /** The keyed hash an erased address is kept as (HMAC-SHA256 under a key derived from the master key), hex. */
    public String subjectHash(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subjectKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(address.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    private int countIn(String sql, List<Long> ids) {
        return ids.isEmpty() ? 0 : jdbc.queryForObject(sql.formatted(orNone(ids)), Integer.class);
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(Math.max(1, n), "?"));
    }

    /** Numbers only (ids from our own rows), so they can go into the statement. */
    private static String orNone(List<Long> ids) {
        return ids.isEmpty() ? "-1" : String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
