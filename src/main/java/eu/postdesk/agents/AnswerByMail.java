package eu.postdesk.agents;

import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.mailets.quoting.QuotedHistory;
import eu.postdesk.outbound.CommandReceipt;
import eu.postdesk.outbound.Letter;
import eu.postdesk.outbound.Outbox;
import eu.postdesk.pipeline.Outcomes;
import eu.postdesk.spool.Spool;
import eu.postdesk.tickets.MarkAsSpam;
import eu.postdesk.tickets.MessageContent;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.TicketWork;
import eu.postdesk.tickets.Tickets;

/**
 * What a verified agent's mail to a ticket's reply address does, once {@link AgentDesk} has let it
 * through: its {@link CommandLines} change the ticket, {@code #note} keeps it as an internal note,
 * and the rest (without the quoted notification) is relayed as the answer, all through
 * {@link TicketWork} in one transaction with the spool's outcome. A mail with only commands relays
 * nothing; {@code #spam} marks the ticket as spam through {@link MarkAsSpam} (teaching the filter
 * first, outside the transaction) and relays nothing, keeping any text below it as a note. A mail
 * with a bad command changes nothing and relays nothing: the agent gets it back with the line
 * named, and its original stays sealed in the spool for the privacy officer.
 */
@Component
public class AnswerByMail {
    private static final int ATTEMPTS = 3;

    private final Tickets tickets;
    private final TicketWork work;
    private final MarkAsSpam markAsSpam;
    private final CommandReceipt receipt;
    private final Outbox outbox;
    private final Outcomes outcomes;
    private final Spool spool;
    private final PostdeskProperties properties;
    private final TransactionTemplate transaction;
    private final QuotedHistory quotedHistory = QuotedHistory.withDefaults();

    public AnswerByMail(Tickets tickets, TicketWork work, MarkAsSpam markAsSpam, CommandReceipt receipt, Outbox outbox, Outcomes outcomes, Spool spool,
                        PostdeskProperties properties, TransactionTemplate transaction) {
        this.tickets = tickets;
        this.work = work;
        this.markAsSpam = markAsSpam;
        this.receipt = receipt;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.spool = spool;
        this.properties = properties;
        this.transaction = transaction;
    }

    /** Takes the mail of {@code agent} (verified) to {@code ticket}'s reply address. */
    public void take(Ticket ticket, PostdeskProperties.Agent agent, MessageContent content, long spoolId) {
        String address = agent.getAddress().strip().toLowerCase(Locale.ROOT);
        String written = content.text() != null ? quotedHistory.newText(content.text())
                : content.html() != null ? quotedHistory.newTextFromHtml(content.html()) : "";
        CommandLines commands = CommandLines.of(written);
        if (!commands.valid()) {
            refuse(ticket, address, content, spoolId, commands.bad().lineNumber(), commands.bad().line(), commands.bad().reason(), written);
            return;
        }
        boolean answers = !commands.note() && !commands.spam() && !commands.text().isBlank();
        if (answers && ticket.customerReplyAddress().isEmpty()) {
            tickets.recordEvent(ticket.id(), "answer-not-sent",
                    "an agent answered, but the customer gave no address we can write to; the answer was not relayed");
            outcomes.drop(spoolId, content.from(), "answer to ticket " + ticket.number() + ": the customer has no address we can write to", ticket.id());
            return;
        }
        MarkAsSpam.Taught taught = commands.spam() ? markAsSpam.teach(ticket) : null;
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> apply(ticket, agent, address, commands, answers, taught, content, spoolId));
                return;
            } catch (TicketWork.Refused refused) {
                CommandLines.Command line = commands.lineOf(refused.field()).orElse(null);
                refuse(ticket, address, content, spoolId, line == null ? 0 : line.lineNumber(), line == null ? "" : line.line(),
                        refused.getMessage(), written);
                return;
            } catch (TicketWork.Stale changedMeanwhile) {
                if (attempt == ATTEMPTS) {
                    throw changedMeanwhile;
                }
            }
        }
    }

    private void apply(Ticket read, PostdeskProperties.Agent agent, String address, CommandLines commands, boolean answers,
                       MarkAsSpam.Taught taught, MessageContent content, long spoolId) {
        Ticket ticket = tickets.byId(read.id()).orElseThrow();
        TicketWork.Change change = commands.change(address);
        TicketWork.Changed changed;
        String outcome;
        String settled;
        if (commands.spam()) {
            settled = "commands";
            if (!commands.text().isBlank()) {
                // nothing is relayed for spam, and nothing the agent wrote is lost: it stays as a note
                work.note(ticket, commands.text(), address, TicketChange.MAIL, null, spoolId);
                ticket = tickets.byId(ticket.id()).orElseThrow();
            }
            changed = markAsSpam.mark(ticket, taught, change, address, TicketChange.MAIL);
            outcome = "#spam on ticket " + ticket.number() + ": closed, nothing relayed";
        } else if (commands.note()) {
            settled = "noted";
            changed = work.note(ticket, commands.text().isBlank() ? "(empty note)" : commands.text(), address, TicketChange.MAIL, change, spoolId);
            outcome = "internal note on ticket " + ticket.number();
        } else if (answers) {
            settled = "relayed";
            changed = work.answer(ticket, commands.text(), address, TicketChange.MAIL, change, spoolId, content.messageId());
            outcome = "answer on ticket " + ticket.number();
        } else {
            settled = "commands";
            changed = work.change(ticket, change, address, TicketChange.MAIL);
            outcome = "commands on ticket " + ticket.number() + ", nothing relayed";
        }
        tickets.rememberMessageId(ticket.id(), content.messageId());
        List<TicketChange> changes = changed.changes().stream().filter(c -> !c.field().equals("firstResponseAt")).toList();
        if (commands.any() && agent.isConfirmations() && !changes.isEmpty()) {
            try {
                queue(changed.ticket(), address, "confirmation", receipt.confirmation(changed.ticket(), address, changes, answers));
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot write the confirmation (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        spool.settle(spoolId, settled, outcome);
    }

    private void refuse(Ticket ticket, String agent, MessageContent content, long spoolId, int lineNumber, String line, String reason, String text) {
        transaction.executeWithoutResult(status -> {
            try {
                queue(ticket, agent, "refusal", receipt.refusal(ticket, agent, lineNumber, line, reason, text));
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot write the refusal (" + e.getClass().getSimpleName() + ")", e);
            }
            tickets.recordEvent(ticket.id(), "refused-commands",
                    "an agent's mail had a bad command on line " + lineNumber + "; nothing changed, nothing was relayed, the mail went back to the agent");
            // nothing lost: the original stays sealed for the privacy officer (GET /api/dropped/{id}/original)
            outcomes.dropSealed(spoolId, content.from(), "answer to ticket " + ticket.number() + " with a bad command on line " + lineNumber
                    + " (" + reason + "): nothing changed, not relayed, returned to the agent", ticket.id());
        });
    }

    private void queue(Ticket ticket, String agent, String kind, Letter letter) throws MessagingException {
        MimeMessage message = letter.build();
        outbox.enqueue(kind, ticket.id(),
                properties.primarySupportAddress(), agent, message);
        tickets.rememberMessageId(ticket.id(), letter.messageId());
    }
}
