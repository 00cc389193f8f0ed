package eu.postdesk.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.apache.james.core.MailAddress;
import org.apache.james.mailetcontainer.impl.CompositeProcessorImpl;
import org.apache.james.mailetcontainer.lib.AbstractStateMailetProcessor;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.ingress.Mailboxes;
import eu.postdesk.outbound.Outbox;
import eu.postdesk.privacy.SealedOriginals;
import eu.postdesk.spool.SpooledMail;
import eu.postdesk.tickets.MessageContent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Tries a chain on messages without side effects: each message runs through the candidate chain
 * and through the chain the server runs now, both in a dry run ({@link DryRun}: the terminal
 * mailets report instead of acting, mail a mailet sends is only counted), so that nothing is
 * written to tickets, the spool or the outbox and nothing is sent. Reports, per message and per
 * mailet, the matcher's verdict, the attributes set, the headers added and removed, a short diff
 * of the body text, and the outcome under both chains. Messages an operator brings are shown with
 * their content; stored messages (opened from their sealed originals) only by names and counts, so
 * that a replay never shows an admin what only a privacy officer may reveal.
 */
@Component
public class Replay {
    private static final int MAX_STORED = 1000;
    private static final int DIFF_LINES = 8;
    private static final ThreadLocal<Trace> TRACE = new ThreadLocal<>();
    private static final Session SESSION = Session.getInstance(new Properties());

    private final JamesMailetChain live;
    private final PostdeskProperties properties;
    private final DryRunMailetContext context;
    private final JdbcTemplate jdbc;
    private final SealedOriginals originals;

    Replay(JamesMailetChain live, PostdeskProperties properties, Mailboxes mailboxes, Outbox outbox, JdbcTemplate jdbc, SealedOriginals originals) {
        this.live = live;
        this.properties = properties;
        this.context = new DryRunMailetContext(properties, mailboxes, outbox);
        this.jdbc = jdbc;
        this.originals = originals;
    }

    /** A message to replay: a name to report it under, its bytes, and (stored ones) its spool row. */
    public record Input(String name, byte[] raw, Long spoolId, String envelopeFrom, List<String> recipients, boolean stored) {
        public static Input of(String name, byte[] raw) {
            return new Input(name, raw, null, null, null, false);
        }
    }

    /** One matcher and its mailet as the message met them. */
    public record Step(String processor, String matcher, boolean matched, String mailet, String stateAfter,
                       List<String> attributesSet, List<String> headersAdded, List<String> headersRemoved,
                       List<String> bodyDiff, List<String> wouldSend, String error) {
    }

    public record Result(String name, List<Step> steps, DryRun.Outcome outcome, DryRun.Outcome currentOutcome, boolean differs) {
    }

    public record Report(String chain, String currentChain, List<Result> messages, Map<String, Object> summary) {
    }

    /** Replays {@code inputs} on the chain in {@code chainText} (null: the chain the server runs), compared with the running chain. */
    public Report run(String chainText, List<Input> inputs) {
        ChainFile candidateFile = chainText == null ? live.currentFile() : live.read("the replayed chain", chainText);
        ChainFile currentFile = live.currentFile();
        if (inputs.stream().anyMatch(Input::stored)) {
            MailetClasses.notForStoredMail(candidateFile).ifPresent(problem -> {
                throw new ChainFile.InvalidChainException(problem);
            });
        }
        CompositeProcessorImpl[] holder = new CompositeProcessorImpl[1];
        CompositeProcessorImpl candidate = live.build(candidateFile, context, new SimpleMeterRegistry(), state -> new Listener(state, holder));
        holder[0] = candidate;
        CompositeProcessorImpl current = live.build(currentFile, context, new SimpleMeterRegistry(), (java.util.function.Function<String, AbstractStateMailetProcessor.MailetProcessorListener>) null);
        try {
            List<Result> results = new ArrayList<>();
            for (Input input : inputs) {
                Trace trace = new Trace(!input.stored());
                DryRun.Outcome outcome = once(candidate, input, trace);
                DryRun.Outcome now = once(current, input, new Trace(false));
                results.add(new Result(input.name(), List.copyOf(trace.steps), outcome, now, !same(outcome, now)));
            }
            return new Report(candidateFile.origin(), currentFile.origin(), results, summary(results));
        } finally {
            candidate.dispose();
            current.dispose();
        }
    }

    /** The inbound messages filed between two days or instants (ISO, inclusive), or between two message ids ({@code 12..40}), from their sealed originals. */
    public List<Input> stored(String range) {
        String[] ends = range == null ? new String[0] : range.split("\\.\\.", 2);
        if (ends.length != 2) {
            throw new IllegalArgumentException("--stored takes FROM..TO: two days (2026-11-01..2026-11-30), instants, or message ids (12..40)");
        }
        String where;
        Object from;
        Object to;
        if (ends[0].strip().matches("\\d+") && ends[1].strip().matches("\\d+")) {
            where = "m.id between ? and ?";
            from = Long.parseLong(ends[0].strip());
            to = Long.parseLong(ends[1].strip());
        } else {
            where = "m.created_at >= ? and m.created_at < ?";
            from = Timestamp.from(instant(ends[0].strip(), false));
            to = Timestamp.from(instant(ends[1].strip(), true));
        }
        List<Object[]> rows = jdbc.query("select m.id, m.spool_id, s.envelope_from, s.recipients from messages m left join spool s on s.id = m.spool_id"
                        + " where m.direction = 'inbound' and " + where + " order by m.id limit " + MAX_STORED,
                (rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2), rs.getString(3), rs.getString(4)}, from, to);
        List<Input> inputs = new ArrayList<>();
        for (Object[] row : rows) {
            long id = (Long) row[0];
            var original = originals.open(id);
            if (original.isEmpty()) {
                continue; // its customer was erased: nothing left to replay
            }
            try (InputStream in = original.get().content()) {
                List<String> recipients = row[3] == null ? null : List.of(((String) row[3]).split(","));
                inputs.add(new Input("message " + id, in.readAllBytes(), row[1] == null ? null : ((Number) row[1]).longValue(),
                        (String) row[2], recipients, true));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the sealed original of message " + id + " cannot be read", e);
            }
        }
        return inputs;
    }

    private static Instant instant(String value, boolean end) {
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            Instant start = java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            return end ? start.plus(java.time.Duration.ofDays(1)) : start;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is neither a day (2026-11-01) nor an instant (2026-11-01T10:00:00Z)");
        }
    }

    private DryRun.Outcome once(CompositeProcessorImpl container, Input input, Trace trace) {
        Mail mail;
        try {
            String sender = input.stored() ? input.envelopeFrom() : envelopeSender(input.raw());
            List<String> recipients = input.recipients() != null && !input.recipients().isEmpty()
                    ? input.recipients() : List.of(properties.primarySupportAddress());
            mail = IncomingMail.of(new SpooledMail(input.spoolId() == null ? 0 : input.spoolId(), sender, recipients, Instant.EPOCH, input.raw().length),
                    new SharedByteArrayInputStream(input.raw()));
            DryRun.mark(mail);
            live.removeForgeable(mail);
        } catch (Exception unreadable) {
            return new DryRun.Outcome("quarantine", "the pipeline failed: " + unreadable.getClass().getSimpleName());
        }
        trace.mail = mail;
        trace.last = Snapshot.of(mail);
        TRACE.set(trace);
        try {
            container.service(mail);
        } catch (Throwable failure) {
            // as MailPipeline does with a failure that leaves the chain
            return TemporaryFailure.is(failure) ? new DryRun.Outcome("retry", "a failure that may pass: " + failure.getClass().getSimpleName())
                    : new DryRun.Outcome("quarantine", "the pipeline failed: " + failure.getClass().getSimpleName());
        } finally {
            TRACE.remove();
        }
        if (TemporaryFailure.recordedOn(mail).isPresent()) {
            return new DryRun.Outcome("retry", "a failure that may pass: " + TemporaryFailure.recordedOn(mail).get().getClass().getSimpleName());
        }
        return DryRun.outcome(mail).orElse(new DryRun.Outcome("dropped",
                "reached the end of the mailet chain (state " + mail.getState() + ") without being filed"));
    }

    /** The envelope sender of a message an operator brings: its Return-Path ({@code <>}: none), else its From. */
    public static String envelopeSender(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new SharedByteArrayInputStream(raw));
            String[] returnPath = message.getHeader("Return-Path");
            String value = returnPath != null && returnPath.length > 0 ? returnPath[0] : message.getHeader("From", ",");
            if (value == null || value.replaceAll("[<>\\s]", "").isEmpty()) {
                return null;
            }
            InternetAddress[] addresses = InternetAddress.parseHeader(value, false);
            return addresses.length == 0 ? null : addresses[0].getAddress();
        } catch (Exception unreadable) {
            return null;
        }
    }

    static boolean same(DryRun.Outcome a, DryRun.Outcome b) {
        return a.kind().equals(b.kind()) && (a.kind().equals("ticket") || a.kind().equals("agent-answer") || a.reason().equals(b.reason()));
    }

    private static Map<String, Object> summary(List<Result> results) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("messages", results.size());
        summary.put("different", results.stream().filter(Result::differs).count());
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        Map<String, Integer> currentOutcomes = new LinkedHashMap<>();
        for (Result result : results) {
            outcomes.merge(result.outcome().kind(), 1, Integer::sum);
            currentOutcomes.merge(result.currentOutcome().kind(), 1, Integer::sum);
        }
        summary.put("outcomes", outcomes);
        summary.put("currentOutcomes", currentOutcomes);
        summary.put("differences", results.stream().filter(Result::differs)
                .map(r -> r.name() + ": " + describe(r.currentOutcome()) + " -> " + describe(r.outcome())).toList());
        return summary;
    }

    public static String describe(DryRun.Outcome outcome) {
        return outcome.reason() == null || outcome.reason().isEmpty() ? outcome.kind() : outcome.kind() + " (" + outcome.reason() + ")";
    }

    /** Called by the dry-run context when a mailet sends mail. */
    static void wouldSend(String recipient) {
        Trace trace = TRACE.get();
        if (trace != null) {
            trace.sent.add(trace.showContent ? recipient : "a recipient");
        }
    }

    /** What one message met on its way through the candidate chain. */
    private static final class Trace {
        final boolean showContent;
        final List<Step> steps = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        Mail mail;
        Snapshot last;

        Trace(boolean showContent) {
            this.showContent = showContent;
        }
    }

    /** Headers, attributes and body text of a mail at one moment. */
    private record Snapshot(List<String> headers, Map<String, String> attributes, List<String> body) {
        static Snapshot of(Mail mail) {
            List<String> headers = new ArrayList<>();
            List<String> body = List.of();
            try {
                MimeMessage message = mail.getMessage();
                for (String line : Collections.list(message.getAllHeaderLines())) {
                    headers.add(jakarta.mail.internet.MimeUtility.unfold(line));
                }
                MessageContent content = MessageContent.of(message);
                String text = content.text() != null ? content.text() : content.html() != null ? content.html() : "";
                body = List.of(text.split("\\R"));
            } catch (Exception unreadable) {
                // a message James cannot show: compare what could be read
            }
            Map<String, String> attributes = new HashMap<>();
            mail.attributes().filter(a -> !a.getName().asString().startsWith("postdesk.dryRun"))
                    .forEach(a -> attributes.put(a.getName().asString(), String.valueOf(a.getValue().value())));
            return new Snapshot(headers, attributes, body);
        }
    }

    /** Turns James's matcher and mailet events into steps with what each mailet changed. */
    private static final class Listener implements AbstractStateMailetProcessor.MailetProcessorListener {
        private final String processor;
        private final CompositeProcessorImpl[] container;
        private Step pending;

        Listener(String processor, CompositeProcessorImpl[] container) {
            this.processor = processor;
            this.container = container;
        }

        @Override
        public void afterMatcher(Matcher matcher, String mailName, Collection<MailAddress> recipients, Collection<MailAddress> matches,
                                 long processTime, Throwable e) {
            Trace trace = TRACE.get();
            if (trace == null) {
                return;
            }
            boolean matched = matches != null && !matches.isEmpty();
            String matcherName = matcher.getMatcherConfig() == null ? matcher.getClass().getSimpleName()
                    : matcher.getMatcherConfig().getMatcherName() + (matcher.getMatcherConfig().getCondition() == null ? "" : "=" + matcher.getMatcherConfig().getCondition());
            String mailet = mailetOf(matcher);
            Step step = new Step(processor, matcherName, matched, mailet, null, List.of(), List.of(), List.of(), List.of(), List.of(),
                    e == null ? null : e.getClass().getSimpleName());
            if (matched && e == null) {
                pending = step;
                trace.last = Snapshot.of(trace.mail);
                trace.sent.clear();
            } else {
                trace.steps.add(step);
            }
        }

        @Override
        public void afterMailet(Mailet mailet, String mailName, String state, long processTime, Throwable e) {
            Trace trace = TRACE.get();
            if (trace == null) {
                return;
            }
            Snapshot before = trace.last;
            Snapshot after = Snapshot.of(trace.mail);
            trace.last = after;
            Step started = pending != null ? pending : new Step(processor, "?", true, mailet.getClass().getSimpleName(),
                    null, List.of(), List.of(), List.of(), List.of(), List.of(), null);
            pending = null;
            List<String> attributes = new ArrayList<>();
            after.attributes().forEach((name, value) -> {
                if (!value.equals(before.attributes().get(name))) {
                    attributes.add(trace.showContent ? name + "=" + shortened(value, 200) : name);
                }
            });
            Collections.sort(attributes);
            trace.steps.add(new Step(started.processor(), started.matcher(), true, started.mailet(), state, attributes,
                    lines(minus(after.headers(), before.headers()), trace.showContent, true),
                    lines(minus(before.headers(), after.headers()), trace.showContent, true),
                    bodyDiff(before.body(), after.body(), trace.showContent), List.copyOf(trace.sent),
                    e == null ? null : e.getClass().getSimpleName()));
            trace.sent.clear();
        }

        private String mailetOf(Matcher matcher) {
            if (container[0] != null && container[0].getProcessor(processor) instanceof AbstractStateMailetProcessor mailets) {
                List<Matcher> matchers = mailets.getMatchers();
                for (int i = 0; i < matchers.size(); i++) {
                    if (matchers.get(i) == matcher && i < mailets.getMailets().size()) {
                        return mailets.getMailets().get(i).getClass().getSimpleName();
                    }
                }
            }
            return null;
        }
    }

    private static List<String> minus(List<String> from, List<String> taken) {
        List<String> rest = new ArrayList<>(from);
        for (String line : taken) {
            rest.remove(line);
        }
        return rest;
    }

    private static List<String> lines(List<String> headers, boolean showContent, boolean header) {
        return headers.stream().map(h -> showContent ? shortened(h, 160) : h.split(":", 2)[0]).toList();
    }

    /** A short diff of the body text: removed lines with "- ", added ones with "+ " (a few of each); counts only when content is not shown. */
    private static List<String> bodyDiff(List<String> before, List<String> after, boolean showContent) {
        List<String> removed = minus(before, after);
        List<String> added = minus(after, before);
        if (removed.isEmpty() && added.isEmpty()) {
            return List.of();
        }
        if (!showContent) {
            return List.of(removed.size() + " lines removed, " + added.size() + " added");
        }
        List<String> diff = new ArrayList<>();
        removed.stream().limit(DIFF_LINES).forEach(line -> diff.add("- " + shortened(line, 160)));
        if (removed.size() > DIFF_LINES) {
            diff.add("- … " + (removed.size() - DIFF_LINES) + " more");
        }
        added.stream().limit(DIFF_LINES).forEach(line -> diff.add("+ " + shortened(line, 160)));
        if (added.size() > DIFF_LINES) {
            diff.add("+ … " + (added.size() - DIFF_LINES) + " more");
        }
        return diff;
    }

    private static String shortened(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
