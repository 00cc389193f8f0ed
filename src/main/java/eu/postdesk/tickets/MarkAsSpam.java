package eu.postdesk.tickets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.pipeline.Rspamd;
import eu.postdesk.pipeline.SpamFilter;
import eu.postdesk.pipeline.Spamd;
import eu.postdesk.privacy.SealedOriginals;

/**
 * A ticket an agent says is spam ({@code #spam} by mail, {@code POST /api/tickets/{number}/spam}):
 * its customer messages are marked as spam ({@code messages.spam}), it is closed, nothing is
 * relayed, and the spam filter, where it can learn, is taught each customer message from its
 * sealed original. Both doors call {@link #teach} outside a transaction (the filter is a network
 * peer) and then {@link #mark} inside theirs. A filter that is down or cannot learn does not fail
 * the marking: the {@code spam} change says what was taught and what not.
 */
@Component
public class MarkAsSpam {
    private static final Logger log = LoggerFactory.getLogger(MarkAsSpam.class);

    private final TicketWork work;
    private final Tickets tickets;
    private final Messages messages;
    private final SealedOriginals originals;
    private final SpamFilter filter;
    private final Path scratch;

    public MarkAsSpam(TicketWork work, Tickets tickets, Messages messages, SealedOriginals originals, Rspamd rspamd, Spamd spamd,
                      PostdeskProperties properties) {
        this.work = work;
        this.tickets = tickets;
        this.messages = messages;
        this.originals = originals;
        this.filter = rspamd.configured() ? rspamd : spamd.configured() ? spamd : null;
        this.scratch = properties.getDataDir().resolve("tmp");
    }

    /** What the filter learned: how many of the ticket's customer messages it was taught, of how many, and why not the rest. */
    public record Taught(int taught, int of, String note) {
        /** How the {@code spam} change and the agent's confirmation say it. */
        public String says() {
            return of + " customer message(s) marked as spam; " + note;
        }
    }

    /** Teaches the filter each of the ticket's customer messages as spam; never throws for a filter that is down. */
    public Taught teach(Ticket ticket) {
        List<Long> ids = messages.inboundIds(ticket.id());
        if (filter == null) {
            return new Taught(0, ids.size(), "no spam filter is configured: nothing was taught");
        }
        int taught = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            try {
                Optional<Boolean> learned = learn(id);
                if (learned.isEmpty()) {
                    problems.add("message " + id + " has no sealed original");
                } else if (learned.get()) {
                    taught++;
                } else {
                    problems.add("the filter learned nothing from it (it knew it already, or cannot learn: rspamd needs postdesk.spam.rspamd-controller-url)");
                }
            } catch (IOException | UncheckedIOException e) {
                // the log names the exception's class only: its text may carry the filter's address
                log.warn("the spam filter was not taught message {} of ticket {}: {}", id, ticket.number(), e.getClass().getSimpleName());
                problems.add("the filter did not take it (" + said(e) + ")");
                if (!answered(e) && i < ids.size() - 1) {
                    // not an answer but no answer: each further message would wait out the timeout too
                    problems.add((ids.size() - 1 - i) + " more not tried");
                    break;
                }
            }
        }
        String name = filter instanceof Rspamd ? "rspamd" : "spamd";
        String note = name + " learned " + taught + " of " + ids.size() + " as spam"
                + (problems.isEmpty() ? "" : "; not taught: " + String.join(", ", problems.stream().distinct().toList()));
        return new Taught(taught, ids.size(), note);
    }

    /** What a filter's refusal says: our own filter classes' messages name only the filter and its status, never the mail. */
    private static String said(Exception e) {
        return answered(e) ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Whether the filter answered and refused (our filter classes' own messages), rather than not answering at all. */
    private static boolean answered(Exception e) {
        String message = e.getMessage();
        return message != null && (message.startsWith("rspamd") || message.startsWith("spamd"));
    }

    private Optional<Boolean> learn(long messageId) throws IOException {
        Optional<SealedOriginals.Original> original = originals.open(messageId);
        if (original.isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "learn-", ".eml");
        try {
            try (InputStream in = original.get().content()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(filter.learnSpam(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Inside the caller's transaction: closes the ticket (a closed ticket stays closed), marks its
     * customer messages as spam and records that as the change {@code spam} by {@code actor}
     * through {@code channel}, saying what {@code taught} did. {@code commanded} may change the
     * other fields too (assignee, severity, line), never the status.
     */
    public TicketWork.Changed mark(Ticket ticket, Taught taught, TicketWork.Change commanded, String actor, String channel) {
        TicketWork.Change change = commanded == null ? TicketWork.Change.status(TicketWork.CLOSED)
                : new TicketWork.Change(TicketWork.CLOSED, commanded.assignee(), commanded.severity(), commanded.line());
        TicketWork.Changed closed = work.change(ticket, change, actor, channel);
        messages.markSpam(ticket.id());
        List<TicketChange> changes = new ArrayList<>(closed.changes());
        changes.add(tickets.recordChange(closed.ticket(), "spam", "not spam", taught.says(), actor, channel));
        return new TicketWork.Changed(tickets.byId(ticket.id()).orElseThrow(), changes);
    }
}
