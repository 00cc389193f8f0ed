package eu.postdesk.ingress;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.PostdeskProperties.Mailbox.AfterImport;
import eu.postdesk.PostdeskProperties.Mailbox.Protocol;
import eu.postdesk.PostdeskProperties.Mailbox.Security;
import eu.postdesk.pipeline.MailPipeline;
import eu.postdesk.spool.Spool;
import eu.postdesk.spool.SpooledMail;

/**
 * Imports one mailbox, exactly once. For each message the server holds that is not yet recorded:
 * fetch it (without setting \Seen), spool it durably, record its UIDVALIDITY+UID (or UIDL), and only
 * then move, flag or delete it on the server. A connection lost anywhere in that resumes with the
 * next connection: what was not recorded is fetched again (and, being the same bytes, spooled once);
 * what was recorded is never fetched again, and its after-import step is finished. IMAP waits with
 * IDLE when the server offers it, else it polls; POP3 polls, one session per poll.
 */
final class MailboxPoller implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final PostdeskProperties.Mailbox config;
    private final String name;
    private final Spool spool;
    private final MailPipeline pipeline;
    private final ImportedMessages imported;
    private final Clock clock;
    private final ScheduledExecutorService watchdog;
    private final long sizeLimit;
    private final String deliverTo;
    private final String hostName;

    private volatile boolean running = true;
    private volatile IMAPFolder idling;
    private final Object pause = new Object();

    private volatile String state = "connecting";
    private volatile Instant lastSyncAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    MailboxPoller(PostdeskProperties.Mailbox config, PostdeskProperties properties, Spool spool, MailPipeline pipeline,
            ImportedMessages imported, Clock clock, ScheduledExecutorService watchdog) {
        this.config = config;
        this.name = config.name();
        this.spool = spool;
        this.pipeline = pipeline;
        this.imported = imported;
        this.clock = clock;
        this.watchdog = watchdog;
        this.sizeLimit = properties.getSmtp().getMaxMessageSize().toBytes();
        this.deliverTo = (config.getDeliverTo() != null ? config.getDeliverTo() : properties.primarySupportAddress()).strip().toLowerCase(java.util.Locale.ROOT);
        this.hostName = properties.getSmtp().getHostName();
    }

    @Override
    public void run() {
        int failures = 0;
        while (running) {
            try {
                if (config.getProtocol() == Protocol.IMAP) {
                    followImap();
                } else {
                    pollPop3();
                    failures = 0;
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                failures++;
                state = "failing";
                lastError = MailboxError.describe(e);
                lastErrorAt = clock.instant();
                log.warn("mailbox {}: {} ({}); trying again", name, lastError, MailboxError.classes(e));
            }
            pauseFor(failures == 0 ? config.getPollInterval() : backoff(failures));
        }
    }

    /** Ends the import at the next step; a message being spooled is finished first or not recorded. */
    void stop() {
        running = false;
        wakeIdle();
        synchronized (pause) {
            pause.notifyAll();
        }
    }

    MailboxHealth.Mailbox health() {
        return new MailboxHealth.Mailbox(name, config.getProtocol().name(), state, lastSyncAt, lastError, lastErrorAt,
                backlog.get(), imported.count(name), refused.get());
    }

    private void followImap() throws Exception {
        Store store = connect();
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(config.getFolder());
            folder.open(Folder.READ_WRITE);
            boolean idle = config.isIdle() && ((IMAPStore) store).hasCapability("IDLE");
            boolean move = ((IMAPStore) store).hasCapability("MOVE");
            Folder target = null;
            if (config.getAfterImport() == AfterImport.MOVE_TO) {
                target = store.getFolder(config.getMoveTo());
                if (!target.exists()) {
                    target.create(Folder.HOLDS_MESSAGES);
                }
            }
            // a quiet connection is woken each poll interval: IDLE ends, the folder is looked at again
            ScheduledFuture<?> wake = idle ? watchdog.scheduleAtFixedRate(this::wakeIdle, config.getPollInterval().toMillis(),
                    config.getPollInterval().toMillis(), TimeUnit.MILLISECONDS) : null;
            try {
                while (running) {
                    syncImap(folder, target, move);
                    recovered();
                    if (!running) {
                        break;
                    }
                    if (idle) {
                        state = "idle";
                        idling = folder;
                        try {
                            folder.idle(true);
                        } finally {
                            idling = null;
                        }
                    } else {
                        state = "polling";
                        pauseFor(config.getPollInterval());
                    }
                }
            } finally {
                if (wake != null) {
                    wake.cancel(false);
                }
            }
        } finally {
            closeQuietly(store);
        }
    }

    private void syncImap(IMAPFolder folder, Folder target, boolean move) throws Exception {
        String validity = Long.toString(folder.getUIDValidity());
        Set<String> known = imported.known(name, validity);
        Message[] all = folder.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        folder.fetch(all, profile);
        List<Message> fresh = new ArrayList<>();
        List<Message> leftover = new ArrayList<>();
        for (Message message : all) {
            (known.contains(Long.toString(folder.getUID(message))) ? leftover : fresh).add(message);
        }
        backlog.set(fresh.size());
        state = fresh.isEmpty() ? state : "importing";
        // finish what an earlier pass recorded but could not move or delete
        if (config.getAfterImport() != AfterImport.KEEP) {
            for (Message message : leftover) {
                afterImport(folder, message, target, move);
            }
        }
        long tooBig = 0;
        for (Message message : fresh) {
            if (!running) {
                break;
            }
            if (message.getSize() > sizeLimit) {
                tooBig++;
                backlog.decrementAndGet();
                continue;
            }
            long uid = folder.getUID(message);
            SpooledMail spooled = ArrivingMail.spool(spool, trace("IMAP"), sizeLimit,
                    out -> raw((IMAPMessage) message, out), null, List.of(deliverTo));
            imported.record(name, validity, Long.toString(uid), spooled.id());
            pipeline.submit(spooled.id());
            backlog.decrementAndGet();
            afterImport(folder, message, target, move);
        }
        if (config.getAfterImport() != AfterImport.KEEP) {
            folder.expunge();
        }
        refusedTooBig(tooBig);
        lastSyncAt = clock.instant();
    }

    /** The message's bytes as the server holds them (BODY.PEEK[], fetched in blocks), not as Jakarta Mail would write them again. */
    private static void raw(IMAPMessage message, java.io.OutputStream out) throws Exception {
        try (var in = message.getMimeStream()) {
            in.transferTo(out);
        }
    }

    private void afterImport(IMAPFolder folder, Message message, Folder target, boolean move) throws Exception {
        if (message.isExpunged()) {
            return;
        }
        switch (config.getAfterImport()) {
            case KEEP -> { }
            case DELETE -> message.setFlag(Flags.Flag.DELETED, true);
            case MOVE_TO -> {
                if (move) {
                    folder.moveMessages(new Message[] {message}, target);
                } else {
                    folder.copyMessages(new Message[] {message}, target);
                    message.setFlag(Flags.Flag.DELETED, true);
                }
            }
        }
    }

    private void pollPop3() throws Exception {
        Store store = connect();
        try {
            POP3Folder folder = (POP3Folder) store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            Set<String> known = imported.known(name, ImportedMessages.POP3);
            Message[] all = folder.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            folder.fetch(all, profile);
            List<Message> fresh = new ArrayList<>();
            for (Message message : all) {
                if (known.contains(folder.getUID(message))) {
                    if (config.getAfterImport() == AfterImport.DELETE) {
                        message.setFlag(Flags.Flag.DELETED, true);
                    }
                } else {
                    fresh.add(message);
                }
            }
            backlog.set(fresh.size());
            state = "importing";
            long tooBig = 0;
            for (Message message : fresh) {
                if (!running) {
                    break;
                }
                if (message.getSize() > sizeLimit) {
                    tooBig++;
                    backlog.decrementAndGet();
                    continue;
                }
                String uidl = folder.getUID(message);
                SpooledMail spooled = ArrivingMail.spool(spool, trace("POP3"), sizeLimit, message::writeTo, null, List.of(deliverTo));
                imported.record(name, ImportedMessages.POP3, uidl, spooled.id());
                pipeline.submit(spooled.id());
                backlog.decrementAndGet();
                if (config.getAfterImport() == AfterImport.DELETE) {
                    message.setFlag(Flags.Flag.DELETED, true);
                }
            }
            // QUIT: the server deletes what was flagged; a session lost before it deletes nothing
            folder.close(true);
            refusedTooBig(tooBig);
            lastSyncAt = clock.instant();
            state = "polling";
            recovered();
        } finally {
            closeQuietly(store);
        }
    }

    private void refusedTooBig(long tooBig) {
        refused.set(tooBig);
        if (tooBig > 0) {
            lastError = tooBig + " message(s) larger than postdesk.smtp.max-message-size stay in the mailbox";
            lastErrorAt = clock.instant();
        }
    }

    private void recovered() {
        if (refused.get() == 0) {
            lastError = null;
        }
    }

    private Store connect() throws Exception {
        if (!"failing".equals(state)) {
            state = "connecting"; // a failing mailbox stays failing until it syncs again
        }
        String protocol = (config.getProtocol() == Protocol.IMAP ? "imap" : "pop3") + (config.getSecurity() == Security.TLS ? "s" : "");
        String prefix = "mail." + protocol + ".";
        Properties settings = new Properties();
        String timeout = Long.toString(config.getTimeout().toMillis());
        settings.put(prefix + "connectiontimeout", timeout);
        settings.put(prefix + "timeout", timeout);
        settings.put(prefix + "writetimeout", timeout);
        settings.put(prefix + "peek", "true");
        settings.put(prefix + "ssl.checkserveridentity", "true");
        if (config.getSecurity() != Security.NONE) {
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, eu.postdesk.tls.TrustedCertificates.systemPlus(config.getTrustedCertificates()), null);
            settings.put(prefix + "ssl.socketFactory", tls.getSocketFactory());
            settings.put(prefix + "ssl.protocols", String.join(" ", eu.postdesk.tls.ModernTls.PROTOCOLS));
        }
        if (config.getSecurity() == Security.STARTTLS) {
            settings.put(prefix + "starttls.enable", "true");
            settings.put(prefix + "starttls.required", "true");
        }
        String secret = config.getPassword();
        if (config.getOauth2Token() != null && !config.getOauth2Token().isEmpty()) {
            settings.put(prefix + "auth.mechanisms", "XOAUTH2");
            // a bearer token goes only into XOAUTH2, never into a LOGIN or USER/PASS in its place
            settings.put(prefix + "auth.login.disable", "true");
            settings.put(prefix + "auth.plain.disable", "true");
            secret = config.getOauth2Token();
        }
        Store store = Session.getInstance(settings).getStore(protocol);
        store.connect(config.getHost(), config.getPort() == 0 ? -1 : config.getPort(), config.getUsername(), secret);
        return store;
    }

    private byte[] trace(String protocol) {
        String header = "Received: from " + config.getHost().replaceAll("[^A-Za-z0-9.:\\[\\]_-]", "") + "\r\n\tby " + hostName
                + " (Postdesk) with " + protocol + ";\r\n\t"
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock)) + "\r\n";
        return header.getBytes(StandardCharsets.US_ASCII);
    }

    /** Ends an IDLE in progress: another command on the folder makes Jakarta Mail send DONE. */
    private void wakeIdle() {
        IMAPFolder folder = idling;
        if (folder != null) {
            try {
                folder.doCommand(protocol -> {
                    protocol.noop();
                    return null;
                });
            } catch (Exception ignored) {
                // the connection is gone: the importing thread sees it and reconnects
            }
        }
    }

    private void pauseFor(Duration wait) {
        synchronized (pause) {
            if (running) {
                try {
                    pause.wait(Math.max(1, wait.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private Duration backoff(int failures) {
        long base = Math.min(config.getPollInterval().toMillis(), 5_000);
        return Duration.ofMillis(Math.min(base << Math.min(failures - 1, 8), 300_000));
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (Exception ignored) {
            // the connection is gone already
        }
    }
}
