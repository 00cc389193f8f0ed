package eu.postdesk.pipeline;

import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
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
 * with a recorded outcome: filed, dropped or quarantined; never silently lost.
 */
@Component
public class MailPipeline implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MailPipeline.class);

    private final Spool spool;
    private final MailetChain chain;
    private final Outcomes outcomes;
    private final PostdeskProperties.Pipeline settings;
    private ExecutorService workers;
    private ExecutorChannel spooled;
    private volatile boolean running;

    public MailPipeline(Spool spool, MailetChain chain, Outcomes outcomes, PostdeskProperties properties) {
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

    /** Runs one spooled message through the chain, unless another worker has it already. */
    void process(long spoolId) {
        if (!spool.claim(spoolId)) {
            return;
        }
        SpooledMail spooledMail = spool.find(spoolId).orElseThrow();
        // the raw stream stays open while the chain works: parts nobody changed are read from it
        try (InputStream raw = spool.raw(spoolId)) {
            Mail mail = IncomingMail.of(spooledMail, raw);
            chain.service(mail);
            if (!spool.isSettled(spoolId)) {
                outcomes.drop(spoolId, spooledMail.envelopeFrom(),
                        "reached the end of the mailet chain (state " + mail.getState() + ") without being filed", null);
            }
        } catch (Exception | LinkageError e) {
            log.warn("spooled message {} could not be processed: {}", spoolId, e.getClass().getSimpleName());
            if (!spool.isSettled(spoolId)) {
                outcomes.quarantine(spoolId, spooledMail.envelopeFrom(), "the pipeline failed: " + e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
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
