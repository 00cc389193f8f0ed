package eu.postdesk.agents;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.outbound.Letter;
import eu.postdesk.outbound.Outbox;
import eu.postdesk.pipeline.Outcomes;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.Tickets;

/**
 * What happens to mail at a reply address that {@link AgentVerification} did not take as an
 * agent's: nothing is relayed and the ticket does not change; the refusal is a ticket event and a
 * dropped entry with the reason ({@code GET /api/dropped}); the original stays in the spool sealed
 * under its sender's key, like a quarantined one, for the privacy officer; and the agent whose
 * reply address it was is told, at most once an hour ({@link #NOTICE_INTERVAL}), through the outbox.
 */
@Component
public class RefusedAnswers {
    static final Duration NOTICE_INTERVAL = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(RefusedAnswers.class);

    private final Tickets tickets;
    private final Outcomes outcomes;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PostdeskProperties properties;
    private final Clock clock;

    public RefusedAnswers(Tickets tickets, Outcomes outcomes, Outbox outbox, JdbcTemplate jdbc, TransactionTemplate transaction,
                          PostdeskProperties properties, Clock clock) {
        this.tickets = tickets;
        this.outcomes = outcomes;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    public void refuse(long spoolId, Ticket ticket, String from, AgentVerification.Verdict verdict) {
        tickets.recordEvent(ticket.id(), "rejected-answer", verdict.reason());
        verdict.addressee().ifPresent(agent -> {
            if (dueNotice(agent)) {
                tell(agent, ticket, verdict.reason());
            }
        });
        // last: settling the spool says the refusal is complete
        outcomes.dropSealed(spoolId, from, verdict.reason(), ticket.id());
    }

    /** Whether the agent may be told now: not told within the last hour. Records the notice when so. */
    private boolean dueNotice(String agent) {
        Instant now = clock.instant();
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                int renewed = jdbc.update("update agent_notices set last_sent_at = ? where agent = ? and last_sent_at <= ?",
                        Timestamp.from(now), agent, Timestamp.from(now.minus(NOTICE_INTERVAL)));
                if (renewed == 1) {
                    return true;
                }
                Integer known = jdbc.queryForObject("select count(*) from agent_notices where agent = ?", Integer.class, agent);
                if (known != null && known > 0) {
                    return false;
                }
                jdbc.update("insert into agent_notices (agent, last_sent_at) values (?, ?)", agent, Timestamp.from(now));
                return true;
            }));
        } catch (DuplicateKeyException raced) {
            return false; // another refusal told this agent a moment ago
        }
    }

    private void tell(String agent, Ticket ticket, String reason) {
        String support = properties.primarySupportAddress();
        try {
            Letter letter = Letter.of("notice", ticket.number(), properties.effectiveReplyDomain());
            letter.from(support, "Postdesk", support)
                    .to(agent)
                    .subject("[#" + ticket.number() + "] Mail to your reply address was not relayed")
                    .header("Auto-Submitted", "auto-generated")
                    .text("Mail sent to the reply address of your notification for ticket [#" + ticket.number()
                            + "] was not taken as your answer, and nothing was sent to the customer:\n\n  " + reason + "\n\n"
                            + "If it was you, answer again from your own address, signed with your domain's DKIM key or through the "
                            + "submission listener with your password. If it was not, someone has your notification's reply address: "
                            + "the mail is kept sealed; your privacy officer can open it.\n\n"
                            + "You get at most one such notice an hour.\n");
            MimeMessage message = letter.build();
            outbox.enqueue("agent-notice", ticket.id(), support, agent, message);
        } catch (MessagingException | RuntimeException e) {
            log.warn("could not write the notice of a refused answer on ticket {}: {}", ticket.number(), e.getClass().getName());
        }
    }
}
