package eu.postdesk.outbound;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * Delivers the outbox to the configured relay, with exponential backoff between attempts while
 * the relay refuses for now (4xx, or no answer), and 'failed' when it refuses for good (5xx) or
 * after the last attempt ({@link RelayRefusal}, {@link UndeliverableMail}). Without a relay, mail stays held.
 */
@Component
public class OutboxSender implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final Outbox outbox;
    private final PostdeskProperties.Outbound settings;
    private final UndeliverableMail undeliverable;
    private ScheduledExecutorService timer;

    public OutboxSender(Outbox outbox, PostdeskProperties properties, UndeliverableMail undeliverable) {
        this.outbox = outbox;
        this.undeliverable = undeliverable;
        this.settings = properties.getOutbound();
    }

    @Override
    public void start() {
        if (!settings.relayConfigured()) {
            log.info("no relay configured (postdesk.outbound.host): outgoing mail is held in the outbox");
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-sender");
            thread.setDaemon(true);
            return thread;
        });
        long poll = Math.max(50, settings.getPoll().toMillis());
        timer.scheduleWithFixedDelay(this::deliverDue, poll, poll, TimeUnit.MILLISECONDS);
    }

    /** Delivers what is due now; one pass. */
    public void deliverDue() {
        if (!settings.relayConfigured()) {
            return;
        }
        try {
            for (Outbox.Delivery delivery : outbox.due(50)) {
                deliver(delivery);
            }
        } catch (RuntimeException e) {
            log.warn("outbox pass failed, will try again: {}", e.toString());
        }
    }

    private void deliver(Outbox.Delivery delivery) {
        Session session = Session.getInstance(sessionProperties(delivery.envelopeFrom()));
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(outbox.raw(delivery.id())));
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(settings.getHost(), settings.getPort(), null, null);
                transport.sendMessage(message, new Address[] {new InternetAddress(delivery.recipient())});
            }
            outbox.sent(delivery.id());
        } catch (MessagingException | RuntimeException e) {
            RelayRefusal refusal = RelayRefusal.of(e);
            int attempt = delivery.attempts() + 1;
            if (refusal.permanent() || attempt >= settings.getMaxAttempts()) {
                undeliverable.giveUp(delivery, refusal.description());
            } else {
                Duration wait = settings.getFirstRetry().multipliedBy(1L << Math.min(attempt - 1, 16));
                outbox.retryLater(delivery.id(), Instant.now().plus(wait), refusal.description());
                log.info("outbox mail {} not delivered (attempt {}), next try in {}: {}", delivery.id(), attempt, wait, refusal.description());
            }
        }
    }

    private Properties sessionProperties(String envelopeFrom) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.getHost());
        properties.put("mail.smtp.port", String.valueOf(settings.getPort()));
        properties.put("mail.smtp.from", envelopeFrom);
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        properties.put("mail.smtp.writetimeout", "30000");
        properties.put("mail.smtp.allow8bitmime", "true");
        return properties;
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
