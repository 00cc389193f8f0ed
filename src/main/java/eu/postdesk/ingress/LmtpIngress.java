package eu.postdesk.ingress;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.pipeline.MailPipeline;
import eu.postdesk.spool.Spool;
import eu.postdesk.spool.SpooledMail;

/**
 * The LMTP listener (RFC 2033) for a Postfix or Dovecot in front, off unless {@code postdesk.lmtp.port}
 * is set. The same rules as {@link SmtpIngress}: recipients only {@link Mailboxes} accepts, the same
 * size, recipient, connection and idle limits, and a 250 only once the message is durably spooled;
 * after DATA one reply per accepted recipient, as LMTP requires. SubEthaSMTP speaks no LMTP, so this
 * is a small front-end of its own on the same spool code: streamed, bounded, with timeouts.
 */
@Component
public class LmtpIngress implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LmtpIngress.class);
    private static final int MAX_LINE = 2048;

    private final PostdeskProperties.Lmtp settings;
    private final PostdeskProperties.Smtp limits;
    private final Mailboxes mailboxes;
    private final Spool spool;
    private final MailPipeline pipeline;
    private final Clock clock;
    private final AtomicLong sessions = new AtomicLong();
    private ServerSocket listener;
    private StartTls startTls;
    private ExecutorService workers;
    private Semaphore slots;

    private final PostdeskProperties properties;

    public LmtpIngress(PostdeskProperties properties, Mailboxes mailboxes, Spool spool, MailPipeline pipeline, Clock clock) {
        this.properties = properties;
        this.settings = properties.getLmtp();
        this.limits = properties.getSmtp();
        this.mailboxes = mailboxes;
        this.spool = spool;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (settings.getPort() == null) {
            return;
        }
        try {
            listener = new ServerSocket(settings.getPort(), 100, InetAddress.getByName(settings.getBind()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind LMTP to " + settings.getBind() + ":" + settings.getPort()
                    + " (postdesk.lmtp.bind / postdesk.lmtp.port): " + e.getMessage(), e);
        }
        // STARTTLS with the SMTP listener's certificate (postdesk.smtp.tls.*, or the self-signed one)
        startTls = StartTls.from(properties);
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lmtp-", 0).factory());
        slots = new Semaphore(limits.getMaxConnections());
        Thread accept = new Thread(this::accept, "lmtp-accept");
        accept.setDaemon(true);
        accept.start();
        log.info("LMTP ingress listening on {}:{}", settings.getBind(), listener.getLocalPort());
    }

    /** The port actually bound (useful when configured as 0); -1 when LMTP is off. */
    public int port() {
        return listener == null ? -1 : listener.getLocalPort();
    }

    @Override
    public synchronized void stop() {
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closed already
            }
            workers.shutdownNow();
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null && !listener.isClosed();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void accept() {
        ServerSocket server = listener;
        while (server != null && !server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (!slots.tryAcquire()) {
                    try (socket) {
                        socket.getOutputStream().write("421 4.3.2 Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException ignored) {
                        // the client went away
                    }
                    continue;
                }
                workers.execute(() -> {
                    try (socket) {
                        new Conversation(socket).run();
                    } catch (IOException | RuntimeException e) {
                        log.debug("LMTP session ended: {}", e.getClass().getSimpleName());
                    } finally {
                        slots.release();
                    }
                });
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("LMTP accept failed: {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    /** One LMTP connection: LHLO, then transactions of MAIL, RCPT..., DATA. */
    private final class Conversation {
        private Socket socket;
        private LmtpInput in;
        private OutputStream out;
        private String tls;
        private final String id = "L" + sessions.incrementAndGet();
        private String helo;
        private String from;
        private boolean mail;
        private final List<String> recipients = new ArrayList<>();

        Conversation(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout((int) limits.getIdleTimeout().toMillis());
            this.in = new LmtpInput(socket.getInputStream());
            this.out = new BufferedOutputStream(socket.getOutputStream());
        }

        void run() throws IOException {
            reply("220 " + limits.getHostName() + " LMTP Postdesk ready");
            while (true) {
                String line;
                try {
                    line = in.readLine(MAX_LINE);
                } catch (SocketTimeoutException idle) {
                    reply("421 4.4.2 Idle for too long, closing the connection");
                    return;
                } catch (LmtpInput.LineTooLong e) {
                    reply("500 5.5.2 Line too long; closing the connection");
                    return;
                }
                if (line == null) {
                    return;
                }
                String verb = (line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line).toUpperCase(Locale.ROOT);
                String argument = line.length() > verb.length() ? line.substring(verb.length()).strip() : "";
                switch (verb) {
                    case "LHLO" -> lhlo(argument);
                    case "STARTTLS" -> startTls();
                    case "HELO", "EHLO" -> reply("500 5.5.1 This is LMTP: say LHLO");
                    case "MAIL" -> mail(argument);
                    case "RCPT" -> rcpt(argument);
                    case "DATA" -> data();
                    case "RSET" -> {
                        reset();
                        reply("250 2.0.0 Ok");
                    }
                    case "NOOP" -> reply("250 2.0.0 Ok");
                    case "VRFY" -> reply("252 2.5.0 Cannot verify, but will try delivery");
                    case "QUIT" -> {
                        reply("221 2.0.0 Bye");
                        return;
                    }
                    default -> reply("500 5.5.2 Unknown command");
                }
            }
        }

        private void lhlo(String domain) throws IOException {
            if (domain.isEmpty()) {
                reply("501 5.5.4 LHLO needs a domain");
                return;
            }
            helo = domain.replaceAll("[^A-Za-z0-9.:\\[\\]_-]", "");
            reset();
            reply("250-" + limits.getHostName() + "\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n"
                    + (tls == null ? "250-STARTTLS\r\n" : "") + "250 SIZE " + limits.getMaxMessageSize().toBytes());
        }

        /** RFC 3207 on LMTP: the session starts over inside TLS (TLS 1.2/1.3 only, as on SMTP). */
        private void startTls() throws IOException {
            if (tls != null) {
                reply("503 5.5.1 TLS is already active");
                return;
            }
            reply("220 2.0.0 Ready to start TLS");
            javax.net.ssl.SSLSocket secured = startTls.createSSLSocket(socket);
            secured.startHandshake();
            socket = secured;
            in = new LmtpInput(secured.getInputStream());
            out = new BufferedOutputStream(secured.getOutputStream());
            tls = StartTls.describe(secured);
            helo = null;
            reset();
        }

        private void mail(String argument) throws IOException {
            if (helo == null) {
                reply("503 5.5.1 Say LHLO first");
            } else if (tls == null && limits.isRequireTls()) {
                reply("530 5.7.0 Must issue a STARTTLS command first");
            } else if (mail) {
                reply("503 5.5.1 Nested MAIL command");
            } else if (!argument.toUpperCase(Locale.ROOT).startsWith("FROM:")) {
                reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            } else {
                String rest = argument.substring(5).strip();
                String address = path(rest);
                if (address == null) {
                    reply("501 5.1.7 Bad sender address syntax");
                    return;
                }
                long declared = declaredSize(rest);
                if (declared > limits.getMaxMessageSize().toBytes()) {
                    reply("552 5.3.4 Message too big: the limit is " + limits.getMaxMessageSize().toBytes() + " bytes");
                    return;
                }
                from = address.isEmpty() ? null : address;
                mail = true;
                reply("250 2.1.0 Ok");
            }
        }

        private void rcpt(String argument) throws IOException {
            if (!mail) {
                reply("503 5.5.1 Need MAIL before RCPT");
                return;
            }
            if (!argument.toUpperCase(Locale.ROOT).startsWith("TO:")) {
                reply("501 5.5.4 Syntax: RCPT TO:<address>");
                return;
            }
            String recipient = path(argument.substring(3).strip());
            if (recipient == null || recipient.isEmpty()) {
                reply("501 5.1.3 Bad recipient address syntax");
            } else if (recipients.size() >= limits.getMaxRecipients()) {
                reply("452 4.5.3 Too many recipients");
            } else if (!mailboxes.accepts(recipient)) {
                reply("550 5.1.1 <" + recipient + ">: no such mailbox here; Postdesk accepts mail only for its support and reply addresses");
            } else {
                recipients.add(recipient.toLowerCase(Locale.ROOT));
                reply("250 2.1.5 Ok");
            }
        }

        private void data() throws IOException {
            if (!mail || recipients.isEmpty()) {
                reply("503 5.5.1 Need MAIL and at least one accepted RCPT before DATA");
                return;
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            long limit = limits.getMaxMessageSize().toBytes();
            String answer;
            try {
                SpooledMail spooled = ArrivingMail.spool(spool, trace(), limit, sink -> copyData(sink, limit), from, recipients);
                pipeline.submit(spooled.id());
                answer = "250 2.0.0 <%s> Queued as " + spooled.id();
            } catch (ArrivingMail.TooBig e) {
                answer = "552 5.3.4 <%s> Message too big: the limit is " + limit + " bytes";
            } catch (ClientGone | EOFException | SocketTimeoutException e) {
                throw e instanceof IOException io ? io : new IOException(e);
            } catch (Exception e) {
                log.error("could not spool a message from the LMTP session: {}", e.toString());
                answer = "451 4.3.0 <%s> Temporary local problem, please try again later";
            }
            // RFC 2033 4.2: one reply per accepted recipient, in the order they were accepted
            StringBuilder replies = new StringBuilder();
            for (String recipient : recipients) {
                replies.append(String.format(answer, recipient)).append("\r\n");
            }
            reset();
            out.write(replies.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The message up to the lone dot, dot-unstuffed; beyond the limit, the rest is read and dropped, bounded in bytes and time. */
        private void copyData(OutputStream sink, long limit) throws IOException {
            OutputStream buffered = new BufferedOutputStream(sink, 64 * 1024);
            boolean ended = false;
            try {
                ended = in.copyData(buffered, Long.MAX_VALUE, Long.MAX_VALUE);
                buffered.flush();
            } catch (ArrivingMail.TooBig tooBig) {
                if (ended) {
                    throw tooBig;
                }
                long budget = Math.max(limit * 4, 256L * 1024 * 1024);
                long deadline = System.nanoTime() + limits.getDiscardTimeout().toNanos();
                if (!in.copyData(OutputStream.nullOutputStream(), budget, deadline)) {
                    reply("552 5.3.4 Message too big; closing the connection");
                    throw new ClientGone();
                }
                throw tooBig;
            }
        }

        private byte[] trace() {
            String address = socket.getInetAddress().getHostAddress();
            String header = "Received: from " + helo + " ([" + address + "])\r\n\tby " + limits.getHostName() + " (Postdesk) with "
                    + (tls == null ? "LMTP" : "LMTPS") + " id " + id + (tls == null ? "" : "\r\n\t(" + tls + ")") + ";\r\n\t" + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock)) + "\r\n";
            return header.getBytes(StandardCharsets.US_ASCII);
        }

        private void reset() {
            from = null;
            mail = false;
            recipients.clear();
        }

        private void reply(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** The address in {@code <...>} at the start of a MAIL or RCPT argument; "" for the null sender; null when malformed. */
    static String path(String argument) {
        if (!argument.startsWith("<") || argument.indexOf('>') < 0) {
            return null;
        }
        String address = argument.substring(1, argument.indexOf('>')).strip();
        if (address.contains(":")) {
            address = address.substring(address.lastIndexOf(':') + 1); // a source route, obsolete
        }
        if (address.isEmpty()) {
            return "";
        }
        return address.matches("[^@\\s<>]+@[^@\\s<>]+") ? address : null;
    }

    private static long declaredSize(String argument) {
        for (String parameter : argument.substring(argument.indexOf('>') + 1).strip().split("\\s+")) {
            if (parameter.toUpperCase(Locale.ROOT).startsWith("SIZE=")) {
                try {
                    return Long.parseLong(parameter.substring(5));
                } catch (NumberFormatException ignored) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** The client went on sending beyond every bound; the connection is closed. */
    private static final class ClientGone extends IOException {
    }

    /** The socket's bytes, read as LMTP lines and as dot-terminated message data. */
    static final class LmtpInput {
        static final class LineTooLong extends IOException {
        }

        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;

        LmtpInput(InputStream in) {
            this.in = in;
        }

        private int next() throws IOException {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++] & 0xff;
        }

        /** A command line without its CRLF; null at the end of the stream. */
        String readLine(int max) throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = next()) != -1) {
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                if (line.length() >= max) {
                    throw new LineTooLong();
                }
                line.append((char) b);
            }
            return null;
        }

        /**
         * Copies message data up to the line holding a lone dot, taking away the dot that stuffs a line
         * beginning with one. False when more than {@code budget} bytes came or {@code deadline}
         * (System.nanoTime) passed first.
         */
        boolean copyData(OutputStream out, long budget, long deadline) throws IOException {
            boolean lineStart = true;
            long count = 0;
            while (true) {
                int b = next();
                if (b == -1) {
                    throw new EOFException("the client closed the connection in the middle of DATA");
                }
                if (++count > budget || ((count & 0xffff) == 0 && System.nanoTime() > deadline)) {
                    return false;
                }
                if (lineStart && b == '.') {
                    int c = next();
                    if (c == '\r') {
                        int d = next();
                        if (d == '\n') {
                            return true;
                        }
                        out.write('\r');
                        b = d;
                    } else if (c == '\n') {
                        return true;
                    } else {
                        b = c;
                    }
                    if (b == -1) {
                        throw new EOFException("the client closed the connection in the middle of DATA");
                    }
                }
                out.write(b);
                lineStart = b == '\n';
            }
        }
    }
}
