package eu.postdesk.queues;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.tickets.TicketChange;
import eu.postdesk.tickets.Tickets;
import eu.postdesk.timers.JobLease;

/**
 * Marks a ticket {@code breached} when its first response is due and not given: every
 * {@code postdesk.queues.breach-check}, on one node at a time ({@link JobLease}), by the injected
 * clock. Each breach is a change ({@code breached: false -> true}, actor {@code timer}).
 */
@Component
public class BreachTimer implements InitializingBean, DisposableBean {
    static final String JOB = "first-response-breaches";
    private static final Logger log = LoggerFactory.getLogger(BreachTimer.class);

    private final JdbcTemplate jdbc;
    private final Tickets tickets;
    private final JobLease lease;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Duration every;
    private ScheduledExecutorService timer;

    public BreachTimer(JdbcTemplate jdbc, Tickets tickets, JobLease lease, Clock clock, TransactionTemplate transaction, PostdeskProperties properties) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.lease = lease;
        this.clock = clock;
        this.transaction = transaction;
        this.every = properties.getQueues().getBreachCheck();
    }

    @Override
    public void afterPropertiesSet() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "breach-timer");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(50, every.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("breach check failed ({}); next try in {}", e.getClass().getSimpleName(), every);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** Marks what is overdue now; false when another node holds the job. */
    public boolean check() {
        return lease.runAlone(JOB, Duration.ofMinutes(5), () -> {
            List<Long> overdue = jdbc.queryForList("select id from tickets where breached = false and first_response_at is null"
                    + " and first_response_due is not null and first_response_due < ? and status not in ('solved', 'closed') order by id",
                    Long.class, Timestamp.from(clock.instant()));
            for (long id : overdue) {
                transaction.executeWithoutResult(status -> {
                    if (jdbc.update("update tickets set breached = true, version = version + 1 where id = ? and breached = false and first_response_at is null", id) == 1) {
                        tickets.recordChange(tickets.byId(id).orElseThrow(), "breached", "false", "true", "timer", TicketChange.TIMER);
                    }
                });
            }
        });
    }
}
