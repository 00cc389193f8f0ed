package eu.postdesk.ingress;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.pipeline.MailPipeline;
import eu.postdesk.spool.Spool;
import eu.postdesk.spool.SpooledMail;

/**
 * The SMTP listener. Accepts mail only for {@link Mailboxes}, caps the message size itself (the
 * library only advertises it), and answers 250 only once the raw message is durably spooled.
 */
@Component
public class SmtpIngress implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SmtpIngress.class);

    private final PostdeskProperties properties;
    private final PostdeskProperties.Smtp settings;
    private final Mailboxes mailboxes;
    private final Spool spool;
    private final MailPipeline pipeline;
    private SMTPServer server;

    public SmtpIngress(PostdeskProperties properties, Mailboxes mailboxes, Spool spool, MailPipeline pipeline) {
        this.properties = properties;
        this.settings = properties.getSmtp();
        this.mailboxes = mailboxes;
        this.spool = spool;
        this.pipeline = pipeline;
    }

    @Override
    public void start() {
        try {
            server = new SMTPServer.Builder().port(settings.getPort())
                    .bindAddress(InetAddress.getByName(settings.getBind()))
                    .hostName(settings.getHostName())
                    .softwareName("Postdesk")
                    .maxConnections(settings.getMaxConnections())
                    .connectionTimeout((int) settings.getIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .maxRecipients(settings.getMaxRecipients())
                    .maxMessageSize((int) settings.getMaxMessageSize().toBytes())
                    .messageHandlerFactory(Session::new)
                    // our own Received line (receivedHeader) records TLS and stays out of the spool's content hash
                    .insertReceivedHeaders(false)
                    .enableTLS()
                    .startTlsSocketFactory(StartTls.from(properties))
                    .build();
            server.start();
            log.info("SMTP ingress listening on {}:{}", settings.getBind(), server.getPortAllocated());
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind SMTP to " + settings.getBind() + ":" + settings.getPort()
                    + " (postdesk.smtp.bind / postdesk.smtp.port): " + e.getMessage(), e);
        }
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null && server.isRunning();
    }

    @Override
    public int getPhase() {
        // after the pipeline, so that mail accepted at start has somewhere to go
        return Integer.MAX_VALUE - 100;
    }

    /** One SMTP transaction. */
    private final class Session implements MessageHandler {
        private final MessageContext context;
        private String from;
        private final List<String> recipients = new ArrayList<>();

        Session(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) throws RejectException {
            if (settings.isRequireTls() && !tlsStarted()) {
                throw new RejectException(530, "5.7.0 Must issue a STARTTLS command first");
            }
            this.from = from == null || from.isBlank() ? null : from.trim();
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (!mailboxes.accepts(recipient)) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here; Postdesk accepts mail only for its support and reply addresses");
            }
            recipients.add(recipient.trim().toLowerCase(Locale.ROOT));
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            return spool(context, data, from, recipients, null);
        }

        private boolean tlsStarted() {
            return context instanceof org.subethamail.smtp.server.Session session && session.isTLSStarted();
        }

        @Override
        public void done() {
        }
    }

    /**
     * Spools one message as it arrives, under the size limit, and hands it to the pipeline; the
     * reply for DATA. {@code submittedBy} is the agent the submission listener authenticated, or null.
     */
    String spool(MessageContext context, InputStream data, String from, List<String> recipients, String submittedBy)
            throws RejectException, IOException {
        long limit = settings.getMaxMessageSize().toBytes();
        Spool.IncomingFile file = spool.open();
        boolean committed = false;
        try {
            file.writeTrace(receivedHeader(context));
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = data.read(buffer)) != -1) {
                if (file.written() + read > limit) {
                    discardRest(data, buffer);
                    throw new RejectException(552, "5.3.4 Message too big: the limit is " + limit + " bytes");
                }
                file.write(buffer, 0, read);
            }
            SpooledMail spooled;
            try {
                spooled = spool.commit(file, from, recipients, submittedBy);
                committed = true;
            } catch (RuntimeException | IOException e) {
                log.error("could not spool a message from the SMTP session: {}", e.toString());
                throw new RejectException(451, "4.3.0 Temporary local problem, please try again later");
            }
            pipeline.submit(spooled.id());
            return "2.0.0 Queued as " + spooled.id();
        } finally {
            if (!committed) {
                spool.discard(file);
            }
        }
    }

    /**
     * Reads what the client still sends, bounded in bytes and time, so that it sees a clean
     * 552 instead of a broken pipe; a client that goes on beyond the bounds is cut off.
     */
    private void discardRest(InputStream data, byte[] buffer) throws IOException, RejectException {
        long budget = Math.max(settings.getMaxMessageSize().toBytes() * 4, 256L * 1024 * 1024);
        long deadline = System.nanoTime() + settings.getDiscardTimeout().toNanos();
        int read;
        while ((read = data.read(buffer)) != -1) {
            budget -= read;
            if (budget < 0 || System.nanoTime() > deadline) {
                throw new org.subethamail.smtp.DropConnectionException(552, "5.3.4 Message too big; closing the connection");
            }
        }
    }

    /** A client's HELO name as it may appear in our header: name and address characters only, at most 255. */
    private static String traceable(String helo) {
        String clean = helo.replaceAll("[^A-Za-z0-9.:\\[\\]_-]", "");
        return clean.length() > 255 ? clean.substring(0, 255) : clean;
    }

    /**
     * Our trace header (RFC 5321 4.4): who handed the message over, and over what: the TLS
     * version and cipher, and whether the client showed a certificate.
     */
    private byte[] receivedHeader(MessageContext context) {
        String helo = "unknown";
        String tls = null;
        if (context instanceof org.subethamail.smtp.server.Session session) {
            helo = session.getHelo().map(SmtpIngress::traceable).filter(h -> !h.isEmpty()).orElse("unknown");
            tls = session.isTLSStarted() ? StartTls.describe(session.getSocket()) : null;
        }
        String address = context.getRemoteAddress() instanceof java.net.InetSocketAddress inet
                ? inet.getAddress().getHostAddress() : "unknown";
        String header = "Received: from " + helo + " ([" + address + "])\r\n\tby " + settings.getHostName()
                + " (Postdesk) with " + (tls == null ? "ESMTP" : "ESMTPS") + " id " + context.getSessionId()
                + (tls == null ? "" : "\r\n\t(" + tls + ")")
                + ";\r\n\t" + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now()) + "\r\n";
        return header.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
