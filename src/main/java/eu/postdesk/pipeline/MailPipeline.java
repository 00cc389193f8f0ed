package eu.postdesk.pipeline;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.channel.ExecutorChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.spool.Spool;
import eu.postdesk.spool.SpooledMail;

/**
 * Carries spooled messages through the mailet chain, on a pool of workers fed by a Spring
 * Integration channel. At start it resumes what a crash left in the spool. Every message ends
 * with a recorded outcome: filed, dropped or quarantined; never silently lost, and never left
 * 'processing'. A temporary failure (see {@link TemporaryFailure}) is retried with doubling waits;
 * after {@code postdesk.pipeline.max-attempts} takes the message is quarantined with the reason.
 */
@Component
public class MailPipeline implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MailPipeline.class);
    private static final Duration MAX_WAIT = Duration.ofHours(1);

    private final Spool spool;
    private final MailetChain chain;
    private final Outcomes outcomes;
    private final PostdeskProperties.Pipeline settings;
    private ExecutorService workers;
    private ScheduledExecutorService retries;
    private ExecutorChannel spooled;
    private volatile boolean running;

    private final SettleLatency latency;

    public MailPipeline(Spool spool, MailetChain chain, Outcomes outcomes, PostdeskProperties properties, SettleLatency latency) {
        this.latency = latency;
        this.spool = spool;
        this.chain = chain;
        this.outcomes = outcomes;
        this.settings = properties.getPipeline();
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(settings.getWorkers(), runnable -> {
            Thread thread = new Thread(runnable, "pipeline");
            thread.setDaemon(true);
            return thread;
        });
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pipeline-retries");
            thread.setDaemon(true);
            return thread;
        });
        spooled = new ExecutorChannel(workers);
        spooled.setBeanName("spooledMail");
        spooled.subscribe(message -> process((Long) message.getPayload()));
        running = true;
        if (!settings.isEnabled()) {
            log.warn("the pipeline is paused (postdesk.pipeline.enabled=false): mail is spooled but not processed");
            return;
        }
        var pending = spool.resumable();
        if (!pending.isEmpty()) {
            log.info("resuming {} spooled messages left from before the restart", pending.size());
        }
        pending.forEach(this::submit);
    }

    /** Hands a spooled message to the workers; returns at once. */
    public void submit(long spoolId) {
        if (!running || !settings.isEnabled()) {
            return;
        }
        Message<Long> message = MessageBuilder.withPayload(spoolId).build();
        spooled.send(message);
    }

    /**
     * Takes a message out of quarantine and runs the current chain on it again; false when there is
     * no such quarantine entry (or nothing of it is left to retry).
     */
    public boolean retryQuarantined(long quarantineId) {
        var spoolId = outcomes.release(quarantineId);
        spoolId.ifPresent(this::submit);
        return spoolId.isPresent();
    }

    /**
     * Runs one spooled message through the chain on the caller's thread and returns once it has its
     * outcome (an import files one message after the other, so that replies find their ticket).
     */
    public void processNow(long spoolId) {
        if (running && settings.isEnabled()) {
            process(spoolId);
        }
    }

    /** Runs one spooled message through the chain, unless another worker has it already. */
    void process(long spoolId) {
        if (!spool.claim(spoolId)) {
            return;
        }
        String sender = null;
        try {
            SpooledMail spooledMail = spool.find(spoolId).orElseThrow();
            sender = spooledMail.envelopeFrom();
            int attempt = spool.attempts(spoolId);
            if (attempt > settings.getMaxAttempts()) {
                // taken so often without an outcome: it stopped the server each time (or failed so)
                outcomes.quarantine(spoolId, sender, "gave up after " + settings.getMaxAttempts() + " attempts without an outcome");
                return;
            }
            // the raw stream stays open while the chain works: parts nobody changed are read from it
            try (InputStream raw = spool.raw(spoolId)) {
                Mail mail = IncomingMail.of(spooledMail, raw);
                if (spool.isImported(spoolId)) {
                    mail.setAttribute(new org.apache.mailet.Attribute(IncomingMail.IMPORTED, org.apache.mailet.AttributeValue.of(true)));
                }
                chain.service(mail);
                var temporary = TemporaryFailure.recordedOn(mail);
                if (temporary.isPresent()) {
                    failed(spoolId, sender, temporary.get());
                } else if (!spool.isSettled(spoolId)) {
                    outcomes.drop(spoolId, sender,
                            "reached the end of the mailet chain (state " + mail.getState() + ") without being filed", null);
                }
            }
        } catch (Throwable e) {
            // Errors too: whatever happened, the message must not stay 'processing'
            failed(spoolId, sender, e);
        }
        latency.recordIfSettled(spoolId);
    }

    /** A message whose processing failed: tried again later if the failure may pass and attempts remain, else quarantined. */
    private void failed(long spoolId, String sender, Throwable failure) {
        try {
            if (spool.isSettled(spoolId)) {
                return;
            }
            var waitForFilter = WaitForFilter.in(failure);
            if (waitForFilter.isPresent() && spool.waitUncounted(spoolId)) {
                // a peer is down: the worker is freed and the message taken again later, without using up an attempt
                retries.schedule(() -> submit(spoolId), waitForFilter.get().waitFor().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            int attempt = spool.attempts(spoolId);
            if (TemporaryFailure.is(failure) && attempt < settings.getMaxAttempts()) {
                Duration wait = backoff(attempt);
                spool.release(spoolId);
                log.info("spooled message {} failed for a reason that may pass (attempt {} of {}), next try in {}: {}",
                        spoolId, attempt, settings.getMaxAttempts(), wait, failure.getClass().getSimpleName());
                retries.schedule(() -> submit(spoolId), wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            log.warn("spooled message {} could not be processed (attempt {}): {}", spoolId, attempt, failure.getClass().getSimpleName());
            outcomes.quarantine(spoolId, sender, TemporaryFailure.is(failure)
                    ? "the pipeline failed " + attempt + " times: " + failure.getClass().getSimpleName()
                    : "the pipeline failed: " + failure.getClass().getSimpleName());
        } catch (RuntimeException | Error cannotRecord) {
            // the database (or the data directory) is away: put the message back once it returns
            log.warn("the outcome of spooled message {} cannot be recorded now: {}", spoolId, cannotRecord.getClass().getSimpleName());
            putBackLater(spoolId, settings.getFirstRetry());
        }
    }

    private void putBackLater(long spoolId, Duration wait) {
        if (retries.isShutdown()) {
            return; // stopping: the next start takes it up again (Spool.resumable)
        }
        retries.schedule(() -> {
            try {
                if (spool.release(spoolId)) {
                    submit(spoolId);
                }
            } catch (RuntimeException stillAway) {
                putBackLater(spoolId, wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2));
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Duration backoff(int attempt) {
        Duration wait = settings.getFirstRetry().multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 16));
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    @Override
    public void stop() {
        running = false;
        if (retries != null) {
            retries.shutdownNow();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
