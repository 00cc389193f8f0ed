package eu.postdesk.tickets;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.timers.JobLease;

/**
 * Closes a solved ticket {@code postdesk.tickets.close-after} (default 4 days) after it was solved,
 * once a minute, on one node at a time ({@link JobLease}), by the server's {@link Clock}. A closed
 * ticket is final: the customer's next mail opens a follow-up ticket.
 */
@Component
public class AutoClose {
    static final String JOB = "close-solved-tickets";

    private final JdbcTemplate jdbc;
    private final Tickets tickets;
    private final TicketWork work;
    private final JobLease lease;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration closeAfter;

    public AutoClose(JdbcTemplate jdbc, Tickets tickets, TicketWork work, JobLease lease, TransactionTemplate transaction, Clock clock,
                     PostdeskProperties properties) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.work = work;
        this.lease = lease;
        this.transaction = transaction;
        this.clock = clock;
        this.closeAfter = properties.getTickets().getCloseAfter();
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void run() {
        lease.runAlone(JOB, Duration.ofMinutes(10), this::closeDue);
    }

    /** Closes every ticket solved at least close-after ago; returns how many it closed. */
    public int closeDue() {
        List<Long> due = jdbc.queryForList("select id from tickets where status = ? and solved_at <= ? order by id", Long.class,
                TicketWork.SOLVED, Timestamp.from(clock.instant().minus(closeAfter)));
        int closed = 0;
        for (long id : due) {
            Boolean done = transaction.execute(status -> tickets.byId(id)
                    .filter(ticket -> TicketWork.SOLVED.equals(ticket.status()))
                    .map(ticket -> {
                        try {
                            return !work.change(ticket, TicketWork.Change.status(TicketWork.CLOSED), "timer", TicketChange.TIMER).changes().isEmpty();
                        } catch (TicketWork.Stale changedMeanwhile) {
                            return false; // the customer wrote or an agent acted: the next run looks again
                        }
                    }).orElse(false));
            if (Boolean.TRUE.equals(done)) {
                closed++;
            }
        }
        return closed;
    }
}
