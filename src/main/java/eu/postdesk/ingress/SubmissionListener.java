package eu.postdesk.ingress;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.tickets.ReplyAddress;

/**
 * The submission listener ({@code postdesk.submission.port}; off unless set): agents send their
 * answers here from their mail client with STARTTLS (required before anything else) and SMTP AUTH
 * (PLAIN or LOGIN) with their own password, checked against {@code postdesk.agents[i].submission-password-hash}
 * (bcrypt or Argon2). Only reply addresses are accepted as recipients; the spool records which
 * agent authenticated, and that counts as authentication for that agent at the agent gate.
 */
@Component
public class SubmissionListener implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SubmissionListener.class);

    private final PostdeskProperties properties;
    private final PostdeskProperties.Submission settings;
    private final SmtpIngress ingress;
    private final ReplyAddress replyAddress;
    private final Map<String, String> passwordHashes;
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    /** Compared when the name is unknown, so that an unknown name takes as long as a wrong password. */
    private String nobody;
    private SMTPServer server;

    public SubmissionListener(PostdeskProperties properties, SmtpIngress ingress, ReplyAddress replyAddress) {
        this.properties = properties;
        this.settings = properties.getSubmission();
        this.ingress = ingress;
        this.replyAddress = replyAddress;
        this.passwordHashes = properties.getAgents().stream()
                .filter(a -> a.getSubmissionPasswordHash() != null && !a.getSubmissionPasswordHash().isBlank())
                .collect(Collectors.toUnmodifiableMap(a -> a.getAddress().strip().toLowerCase(Locale.ROOT),
                        a -> delegated(a.getSubmissionPasswordHash().strip()), (a, b) -> a));
    }

    /** The hash as Spring's delegating encoder reads it: {@code {bcrypt}...} or {@code {argon2@SpringSecurity_v5_8}...}. */
    private static String delegated(String hash) {
        if (hash.startsWith("{")) {
            return hash;
        }
        return (hash.startsWith("$argon2") ? "{argon2@SpringSecurity_v5_8}" : "{bcrypt}") + hash;
    }

    @Override
    public void start() {
        if (!settings.isEnabled()) {
            return;
        }
        if (passwordHashes.isEmpty()) {
            log.warn("the submission listener is on, but no agent has postdesk.agents[i].submission-password-hash: nobody can submit");
        }
        nobody = passwords.encode(java.util.UUID.randomUUID().toString());
        PostdeskProperties.Smtp smtp = properties.getSmtp();
        try {
            server = new SMTPServer.Builder().port(settings.getPort())
                    .bindAddress(InetAddress.getByName(settings.getBind()))
                    .hostName(smtp.getHostName())
                    .softwareName("Postdesk")
                    .maxConnections(smtp.getMaxConnections())
                    .connectionTimeout((int) smtp.getIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .maxRecipients(smtp.getMaxRecipients())
                    .maxMessageSize((int) smtp.getMaxMessageSize().toBytes())
                    .messageHandlerFactory(Submission::new)
                    .insertReceivedHeaders(false)
                    .enableTLS()
                    .requireTLS()
                    .startTlsSocketFactory(StartTls.from(properties))
                    .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
                    .requireAuth()
                    .build();
            server.start();
            log.info("submission listener on {}:{} (STARTTLS, then AUTH)", settings.getBind(), server.getPortAllocated());
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the submission listener to " + settings.getBind() + ":" + settings.getPort()
                    + " (postdesk.submission.bind / postdesk.submission.port): " + e.getMessage(), e);
        }
    }

    private void login(String username, String password, MessageContext context) throws LoginFailedException {
        String agent = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        String hash = passwordHashes.get(agent);
        boolean matches = passwords.matches(password == null ? "" : password, hash == null ? nobody : hash);
        if (hash == null || !matches) {
            throw new LoginFailedException("5.7.8 Authentication credentials invalid");
        }
    }

    /** The port actually bound (useful when configured as 0); empty when the listener is off. */
    public Optional<Integer> port() {
        return server == null ? Optional.empty() : Optional.of(server.getPortAllocated());
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
        return Integer.MAX_VALUE - 100;
    }

    /** One submission: an authenticated agent's mail to reply addresses. */
    private final class Submission implements MessageHandler {
        private final MessageContext context;
        private String from;
        private final List<String> recipients = new ArrayList<>();

        Submission(MessageContext context) {
            this.context = context;
        }

        private String agent() throws RejectException {
            Object identity = context.getAuthenticationHandler().map(h -> h.getIdentity()).orElse(null);
            if (identity == null) {
                throw new RejectException(530, "5.7.0 Authentication required");
            }
            return identity.toString().strip().toLowerCase(Locale.ROOT);
        }

        @Override
        public void from(String from) throws RejectException {
            agent();
            this.from = from == null || from.isBlank() ? null : from.trim();
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (replyAddress.ticketOf(recipient).isEmpty()) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: the submission listener takes only answers to a ticket's reply address");
            }
            recipients.add(recipient.trim().toLowerCase(Locale.ROOT));
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            return ingress.spool(context, data, from, recipients, agent());
        }

        @Override
        public void done() {
        }
    }
}
