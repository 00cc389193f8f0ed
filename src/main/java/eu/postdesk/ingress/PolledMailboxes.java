package eu.postdesk.ingress;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.pipeline.MailPipeline;
import eu.postdesk.spool.Spool;

/** The mailboxes Postdesk imports from ({@code postdesk.mailboxes[i]}): one thread each, started after the pipeline. */
@Component
public class PolledMailboxes implements SmartLifecycle, MailboxHealth {
    private static final Logger log = LoggerFactory.getLogger(PolledMailboxes.class);

    private final PostdeskProperties properties;
    private final Spool spool;
    private final MailPipeline pipeline;
    private final ImportedMessages imported;
    private final Clock clock;
    private volatile List<MailboxPoller> pollers = List.of();
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService watchdog;
    private volatile boolean running;

    public PolledMailboxes(PostdeskProperties properties, Spool spool, MailPipeline pipeline, ImportedMessages imported, Clock clock) {
        this.properties = properties;
        this.spool = spool;
        this.pipeline = pipeline;
        this.imported = imported;
        this.clock = clock;
    }

    /** Starts a poller per mailbox; what each has imported is in the database, so a start after a stop resumes. */
    @Override
    public synchronized void start() {
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mailbox-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        List<MailboxPoller> fresh = new ArrayList<>();
        for (PostdeskProperties.Mailbox mailbox : properties.getMailboxes()) {
            fresh.add(new MailboxPoller(mailbox, properties, spool, pipeline, imported, clock, watchdog));
        }
        pollers = List.copyOf(fresh);
        for (int i = 0; i < pollers.size(); i++) {
            Thread thread = new Thread(pollers.get(i), "mailbox-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        if (!pollers.isEmpty()) {
            log.info("importing from {} mailbox(es)", pollers.size());
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        pollers.forEach(MailboxPoller::stop);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        watchdog.shutdownNow();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // with the SMTP listener: after the pipeline, so that imported mail has somewhere to go
        return Integer.MAX_VALUE - 100;
    }

    @Override
    public List<MailboxHealth.Mailbox> mailboxes() {
        return pollers.stream().map(MailboxPoller::health).toList();
    }
}
