package eu.postdesk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything an operator configures under {@code postdesk.}. Validated once at start by
 * {@link #validate()}, with messages that say which property to fix.
 */
@ConfigurationProperties(prefix = "postdesk")
public class PostdeskProperties implements org.springframework.beans.factory.InitializingBean {
    private Smtp smtp = new Smtp();
    private List<String> supportAddresses = new ArrayList<>(List.of("support@localhost"));
    private String replyDomain;
    private List<Agent> agents = new ArrayList<>();
    private String notify = "agents";
    private Outbound outbound = new Outbound();
    private Path dataDir = Path.of("./data");
    private Path confDir = Path.of("./conf");
    private Api api = new Api();
    private Acknowledgement acknowledgement = new Acknowledgement();
    private Pipeline pipeline = new Pipeline();
    private Privacy privacy = new Privacy();
    private Stats stats = new Stats();
    private Erasure erasure = new Erasure();
    private Console console = new Console();
    private List<String> trustedAuthservIds = new ArrayList<>(List.of("postdesk"));
    private QueueSettings queues = new QueueSettings();
    private Incident incident = new Incident();
    private Escalation escalation = new Escalation();
    private TicketRules tickets = new TicketRules();
    // Only real agents speak for the team (docs/agents.md): one block, so that merges stay easy.
    private boolean agentsMayForward = false;
    private java.util.Map<String, String> agentVerification = new java.util.LinkedHashMap<>();
    private Submission submission = new Submission();
    private String authentication = "auto";
    private List<Mailbox> mailboxes = new ArrayList<>();
    private Lmtp lmtp = new Lmtp();
    private Operations operations = new Operations();

    @Override
    public void afterPropertiesSet() {
        validate();
    }

    private static void validateToken(String property, String token) {
        if (token != null && !token.isBlank() && token.strip().length() < 16) {
            throw new IllegalStateException(property + " is too short: use at least 16 characters");
        }
    }

    public void validate() {
        if (supportAddresses == null || supportAddresses.isEmpty()) {
            throw new IllegalStateException("postdesk.support-addresses is empty: name at least one address that opens tickets, e.g. support@example.com");
        }
        for (String address : supportAddresses) {
            if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalStateException("postdesk.support-addresses: '" + address + "' is not an e-mail address");
            }
        }
        for (int i = 0; i < agents.size(); i++) {
            Agent agent = agents.get(i);
            if (agent.getAddress() == null || !agent.getAddress().matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalStateException("postdesk.agents[" + i + "].address is missing or not an e-mail address");
            }
            if (agent.getLine() == null || !TicketRules.LINES.contains(agent.getLine())) {
                throw new IllegalStateException("postdesk.agents[" + i + "].line must be one of " + TicketRules.LINES);
            }
        }
        tickets.validate();
        validateAgentVerification();
        validateToken("postdesk.api.admin-token", api.getAdminToken());
        validateToken("postdesk.api.privacy-officer-token", api.getPrivacyOfficerToken());
        if (api.getAdminToken() != null && api.getAdminToken().strip().equals(api.getPrivacyOfficerToken() == null ? null : api.getPrivacyOfficerToken().strip())) {
            throw new IllegalStateException("postdesk.api.privacy-officer-token must differ from postdesk.api.admin-token: the two roles are kept apart");
        }
        try {
            eu.postdesk.api.Networks.parse(api.getAllowedNetworks());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("postdesk.api.allowed-networks: " + e.getMessage());
        }
        if (stats.getMinGroup() < 2) {
            throw new IllegalStateException("postdesk.stats.min-group must be at least 2 (a group of one is a person), got " + stats.getMinGroup());
        }
        if (smtp.getPort() < 0 || smtp.getPort() > 65535) {
            throw new IllegalStateException("postdesk.smtp.port must be between 0 and 65535, got " + smtp.getPort());
        }
        if (smtp.getMaxMessageSize().toBytes() < 1024 || smtp.getMaxMessageSize().toBytes() > Integer.MAX_VALUE) {
            throw new IllegalStateException("postdesk.smtp.max-message-size must be between 1KB and 2GB, got " + smtp.getMaxMessageSize());
        }
        if ((smtp.getTls().getCertificate() == null) != (smtp.getTls().getPrivateKey() == null)) {
            throw new IllegalStateException("postdesk.smtp.tls.certificate and postdesk.smtp.tls.private-key go together: set both, or neither for a self-signed certificate");
        }
        for (var file : java.util.Arrays.asList(smtp.getTls().getCertificate(), smtp.getTls().getPrivateKey())) {
            if (file != null && !java.nio.file.Files.isReadable(file)) {
                throw new IllegalStateException((file == smtp.getTls().getCertificate() ? "postdesk.smtp.tls.certificate" : "postdesk.smtp.tls.private-key")
                        + ": cannot read " + file);
            }
        }
        if (!"agents".equals(notify) && !notify.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalStateException("postdesk.notify must be 'agents' or an e-mail address, got '" + notify + "'");
        }
        if (acknowledgement.getMaxPerHour() < 0) {
            throw new IllegalStateException("postdesk.acknowledgement.max-per-hour must not be negative");
        }
        if (pipeline.getWorkers() < 1) {
            throw new IllegalStateException("postdesk.pipeline.workers must be at least 1");
        }
        if (pipeline.getMaxAttempts() < 1) {
            throw new IllegalStateException("postdesk.pipeline.max-attempts must be at least 1");
        }
        validateQueues();
        if (pipeline.getFirstRetry() == null || pipeline.getFirstRetry().isNegative()) {
            throw new IllegalStateException("postdesk.pipeline.first-retry must be a positive duration, e.g. 30s");
        }
        erasure.validate();
        Mailbox.validate(mailboxes, this);
        if (lmtp.getPort() != null && (lmtp.getPort() < 0 || lmtp.getPort() > 65535)) {
            throw new IllegalStateException("postdesk.lmtp.port must be between 0 and 65535, got " + lmtp.getPort());
        }
        operations.validate();
        console.validate();
    }

    /** The ways of verifying an agent's mail that {@code postdesk.agent-verification[<domain>]} may name. */
    public static final List<String> AGENT_VERIFICATION_POLICIES = List.of("token+dkim", "token-only");

    private void validateAgentVerification() {
        if (authentication == null || !List.of("on", "off", "auto").contains(authentication.strip().toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("postdesk.authentication must be on, off or auto (on when DNS answers at start), got '" + authentication + "'");
        }
        agentVerification.forEach((domain, policy) -> {
            if (policy == null || !AGENT_VERIFICATION_POLICIES.contains(policy.strip().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("postdesk.agent-verification[" + domain + "] must be one of " + AGENT_VERIFICATION_POLICIES
                        + ", got '" + policy + "'");
            }
        });
        if (submission.isEnabled() && (submission.getPort() < 0 || submission.getPort() > 65535)) {
            throw new IllegalStateException("postdesk.submission.port must be between 0 and 65535 (unset: no submission listener), got " + submission.getPort());
        }
        for (int i = 0; i < agents.size(); i++) {
            String hash = agents.get(i).getSubmissionPasswordHash();
            if (hash != null && !hash.isBlank() && !hash.matches("\\$2[aby]?\\$\\d\\d\\$.{53}|\\$argon2id?\\$.+")) {
                throw new IllegalStateException("postdesk.agents[" + i + "].submission-password-hash must be a bcrypt ($2a$/$2b$/$2y$) or Argon2 ($argon2id$) hash: "
                        + "make one with bin/postdesk hash-password");
            }
        }
    }

    /** How mail from this agent domain is verified: {@code token+dkim} unless configured otherwise. */
    public String agentVerificationFor(String domain) {
        String wanted = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        return agentVerification.entrySet().stream().filter(e -> e.getKey().strip().toLowerCase(Locale.ROOT).equals(wanted))
                .map(e -> e.getValue().strip().toLowerCase(Locale.ROOT)).findFirst().orElse("token+dkim");
    }

    /** The submission listener (off unless a port is set): agents send with STARTTLS and SMTP AUTH. */
    public static class Submission {
        private String bind = "127.0.0.1";
        private Integer port;

        public String getBind() { return bind; }
        public void setBind(String bind) { this.bind = bind; }
        /** The port, or -1 when there is no submission listener (the default). */
        public int getPort() { return port == null ? -1 : port; }
        public boolean isEnabled() { return port != null; }
        public void setPort(Integer port) { this.port = port; }
    }

    public boolean isAgentsMayForward() { return agentsMayForward; }
    public void setAgentsMayForward(boolean agentsMayForward) { this.agentsMayForward = agentsMayForward; }
    public java.util.Map<String, String> getAgentVerification() { return agentVerification; }
    public void setAgentVerification(java.util.Map<String, String> agentVerification) { this.agentVerification = agentVerification; }
    public Submission getSubmission() { return submission; }
    /** Postdesk's own SPF/DKIM/DMARC check of inbound mail: {@code on}, {@code off} or {@code auto}. */
    public String getAuthentication() { return authentication == null ? "auto" : authentication.strip().toLowerCase(Locale.ROOT); }
    public void setAuthentication(String authentication) { this.authentication = authentication; }

    /** The first support address: the one Postdesk writes from. */
    public String primarySupportAddress() {
        return supportAddresses.get(0).toLowerCase(Locale.ROOT);
    }

    public String effectiveReplyDomain() {
        if (replyDomain != null && !replyDomain.isBlank()) {
            return replyDomain.toLowerCase(Locale.ROOT);
        }
        String first = primarySupportAddress();
        return first.substring(first.indexOf('@') + 1);
    }

    /** The web console ({@code postdesk.console.*}): its accounts, second factor, limits and single sign-on roles. */
    public static class Console {
        private List<User> users = new ArrayList<>();
        private boolean requireSecondFactor = true;
        private List<String> allowedNetworks = new ArrayList<>();
        private int maxFailuresPerAccount = 5;
        private int maxFailuresPerAddress = 20;
        private Duration failureWindow = Duration.ofMinutes(15);
        private String roleClaim = "postdesk_role";
        private java.util.Map<String, String> claimRoles = new java.util.LinkedHashMap<>();
        private Passkeys passkeys = new Passkeys();

        void validate() {
            passkeys.validate();
            java.util.Set<String> roles = java.util.Set.of("admin", "agent", "supervisor", "privacy-officer");
            for (int i = 0; i < users.size(); i++) {
                User user = users.get(i);
                if (user.getUsername() == null || !user.getUsername().matches("[A-Za-z0-9._@-]{1,200}")) {
                    throw new IllegalStateException("postdesk.console.users[" + i + "].username is missing or has characters other than letters, digits, . _ @ -");
                }
                if (!roles.contains(String.valueOf(user.getRole()))) {
                    throw new IllegalStateException("postdesk.console.users[" + i + "].role must be one of admin, agent, supervisor, privacy-officer");
                }
                if (user.getPasswordHash() == null || !user.getPasswordHash().matches("\\{(bcrypt|argon2@SpringSecurity_v5_8)\\}.+")) {
                    throw new IllegalStateException("postdesk.console.users[" + i + "].password-hash must be a {bcrypt}... or {argon2@SpringSecurity_v5_8}... hash (bin/postdesk console-password-hash makes one)");
                }
            }
            for (String network : allowedNetworks) {
                if (!network.matches("[0-9a-fA-F:.]+(/[0-9]{1,3})?")) {
                    throw new IllegalStateException("postdesk.console.allowed-networks: '" + network + "' is not an address or CIDR network, e.g. 10.0.0.0/8");
                }
            }
            for (var entry : claimRoles.entrySet()) {
                if (!roles.contains(entry.getValue())) {
                    throw new IllegalStateException("postdesk.console.claim-roles[" + entry.getKey() + "] must be one of admin, agent, supervisor, privacy-officer");
                }
            }
            if (maxFailuresPerAccount < 1 || maxFailuresPerAddress < 1 || failureWindow == null || failureWindow.isNegative() || failureWindow.isZero()) {
                throw new IllegalStateException("postdesk.console.max-failures-per-account, max-failures-per-address must be at least 1 and postdesk.console.failure-window positive");
            }
        }

        public List<User> getUsers() { return users; }
        public void setUsers(List<User> users) { this.users = users; }
        /** false lets a password alone in: only for a console behind another strong sign-in. */
        public boolean isRequireSecondFactor() { return requireSecondFactor; }
        public void setRequireSecondFactor(boolean requireSecondFactor) { this.requireSecondFactor = requireSecondFactor; }
        /** Addresses or CIDR networks the console answers; empty = any. The API is not limited by it. */
        public List<String> getAllowedNetworks() { return allowedNetworks; }
        public void setAllowedNetworks(List<String> allowedNetworks) { this.allowedNetworks = allowedNetworks; }
        public int getMaxFailuresPerAccount() { return maxFailuresPerAccount; }
        public void setMaxFailuresPerAccount(int maxFailuresPerAccount) { this.maxFailuresPerAccount = maxFailuresPerAccount; }
        public int getMaxFailuresPerAddress() { return maxFailuresPerAddress; }
        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) { this.maxFailuresPerAddress = maxFailuresPerAddress; }
        public Duration getFailureWindow() { return failureWindow; }
        public void setFailureWindow(Duration failureWindow) { this.failureWindow = failureWindow; }
        /** The OpenID Connect claim whose value names the console role. */
        public String getRoleClaim() { return roleClaim; }
        public void setRoleClaim(String roleClaim) { this.roleClaim = roleClaim; }
        /** A claim value to a role (admin, agent, privacy-officer); a value not here is refused. */
        public java.util.Map<String, String> getClaimRoles() { return claimRoles; }
        public void setClaimRoles(java.util.Map<String, String> claimRoles) { this.claimRoles = claimRoles; }

        private List<String> ssoSecondFactorMethods = new ArrayList<>(List.of("mfa", "otp", "hwk", "swk", "sc", "fpt", "face", "iris", "retina", "vbm", "sms", "tel"));

        /**
         * Single sign-on's second factor: the ID token's {@code amr} claim (RFC 8176) must name one
         * of these methods, unless {@code require-second-factor} is false; empty = trust the
         * provider without asking.
         */
        public List<String> getSsoSecondFactorMethods() { return ssoSecondFactorMethods; }
        public void setSsoSecondFactorMethods(List<String> ssoSecondFactorMethods) { this.ssoSecondFactorMethods = ssoSecondFactorMethods; }
        public Passkeys getPasskeys() { return passkeys; }
        public void setPasskeys(Passkeys passkeys) { this.passkeys = passkeys; }

        /**
         * The relying party of passkeys (WebAuthn): {@code rp-id} is the host name a passkey is bound to,
         * {@code allowed-origins} the console's addresses as the browser names them (empty: https://rp-id and,
         * for localhost, http://localhost on the server's own port). Changing rp-id orphans the registered passkeys.
         */
        public static class Passkeys {
            private String rpId = "localhost";
            private List<String> allowedOrigins = new ArrayList<>();

            void validate() {
                if (rpId == null || !rpId.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                    throw new IllegalStateException("postdesk.console.passkeys.rp-id must be a host name without scheme or port, e.g. helpdesk.example.com");
                }
                for (String origin : allowedOrigins) {
                    var parts = java.util.regex.Pattern.compile("(https://([^/:]+)|http://(localhost))(:[0-9]{1,5})?").matcher(String.valueOf(origin));
                    String host = parts.matches() ? (parts.group(2) != null ? parts.group(2) : parts.group(3)) : null;
                    if (host == null || !(host.equalsIgnoreCase(rpId) || host.toLowerCase(java.util.Locale.ROOT).endsWith("." + rpId.toLowerCase(java.util.Locale.ROOT)))) {
                        throw new IllegalStateException("postdesk.console.passkeys.allowed-origins: '" + origin + "' must be https://<rp-id or a subdomain>[:port]"
                                + " (or http://localhost[:port]) with no path, e.g. https://" + rpId);
                    }
                }
            }

            public String getRpId() { return rpId; }
            public void setRpId(String rpId) { this.rpId = rpId; }
            public List<String> getAllowedOrigins() { return allowedOrigins; }
            public void setAllowedOrigins(List<String> allowedOrigins) { this.allowedOrigins = allowedOrigins; }
        }

        public static class User {
            private String username;
            private String role;
            private String passwordHash;
            /** The configured agent (postdesk.agents address) this account works as in the console: its "mine", its name on changes. */
            private String agent;

            public String getAgent() { return agent; }
            public void setAgent(String agent) { this.agent = agent; }
            public String getUsername() { return username; }
            public void setUsername(String username) { this.username = username; }
            public String getRole() { return role; }
            public void setRole(String role) { this.role = role; }
            public String getPasswordHash() { return passwordHash; }
            public void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
        }
    }

    public static class Smtp {
        private String bind = "127.0.0.1";
        private int port = 2525;
        private DataSize maxMessageSize = DataSize.ofMegabytes(25);
        private int maxConnections = 200;
        private Duration idleTimeout = Duration.ofMinutes(2);
        private int maxRecipients = 100;
        private Duration discardTimeout = Duration.ofSeconds(60);
        private String hostName = "postdesk";
        private boolean requireTls;
        private Tls tls = new Tls();

        public String getBind() { return bind; }
        public void setBind(String bind) { this.bind = bind; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public DataSize getMaxMessageSize() { return maxMessageSize; }
        public void setMaxMessageSize(DataSize maxMessageSize) { this.maxMessageSize = maxMessageSize; }
        public int getMaxConnections() { return maxConnections; }
        public void setMaxConnections(int maxConnections) { this.maxConnections = maxConnections; }
        public Duration getIdleTimeout() { return idleTimeout; }
        public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
        public int getMaxRecipients() { return maxRecipients; }
        public void setMaxRecipients(int maxRecipients) { this.maxRecipients = maxRecipients; }
        public Duration getDiscardTimeout() { return discardTimeout; }
        public void setDiscardTimeout(Duration discardTimeout) { this.discardTimeout = discardTimeout; }
        public String getHostName() { return hostName; }
        public void setHostName(String hostName) { this.hostName = hostName; }
        /** true refuses MAIL before STARTTLS with 530 5.7.0. */
        public boolean isRequireTls() { return requireTls; }
        public void setRequireTls(boolean requireTls) { this.requireTls = requireTls; }
        public Tls getTls() { return tls; }
        public void setTls(Tls tls) { this.tls = tls; }

        /** The listener's PEM certificate (chain) and key; both unset = a self-signed one in data-dir/tls. */
        public static class Tls {
            private Path certificate;
            private Path privateKey;

            public Path getCertificate() { return certificate; }
            public void setCertificate(Path certificate) { this.certificate = certificate; }
            public Path getPrivateKey() { return privateKey; }
            public void setPrivateKey(Path privateKey) { this.privateKey = privateKey; }
        }
    }

    public static class Agent {
        private String address;
        private String name;
        private String role = "agent";
        private String line = "1";
        private boolean confirmations = true;
        private String submissionPasswordHash;

        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
        /**
         * The escalation line the agent works: 1, 2, 3 or management. Notifications of a ticket go to
         * its line; API tokens of this agent work only its line's tickets.
         */
        public String getLine() { return line; }
        public void setLine(String line) { this.line = line == null ? null : line.strip().toLowerCase(Locale.ROOT); }
        /** Whether the agent gets a short confirmation of what their mail commands changed. */
        public boolean isConfirmations() { return confirmations; }
        public void setConfirmations(boolean confirmations) { this.confirmations = confirmations; }
        /** bcrypt or Argon2 hash of the agent's password on the submission listener; none: the agent cannot submit. */
        public String getSubmissionPasswordHash() { return submissionPasswordHash; }
        public void setSubmissionPasswordHash(String submissionPasswordHash) { this.submissionPasswordHash = submissionPasswordHash; }
    }

    public static class Outbound {
        private String host;
        private int port = 25;
        private int maxAttempts = 8;
        private Duration firstRetry = Duration.ofSeconds(30);
        private Duration poll = Duration.ofMillis(200);

        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getFirstRetry() { return firstRetry; }
        public void setFirstRetry(Duration firstRetry) { this.firstRetry = firstRetry; }
        public Duration getPoll() { return poll; }
        public void setPoll(Duration poll) { this.poll = poll; }

        public boolean relayConfigured() {
            return host != null && !host.isBlank();
        }
    }

    public static class Api {
        private String adminToken;
        private String privacyOfficerToken;
        private List<String> allowedNetworks = new ArrayList<>();
        private boolean adminTokenReadsTickets = true;

        /**
         * Whether the configured admin token (and only it) may read tickets, read-only and audited.
         * True by default because the public acceptance runner reads tickets with that token; set
         * false so that no admin reads ticket content at all. Issued admin tokens and admin console
         * accounts never do.
         */
        public boolean isAdminTokenReadsTickets() { return adminTokenReadsTickets; }
        public void setAdminTokenReadsTickets(boolean adminTokenReadsTickets) { this.adminTokenReadsTickets = adminTokenReadsTickets; }

        /** CIDR networks the API may be called from (e.g. 10.0.0.0/8, 2001:db8::/32); empty = from anywhere. */
        public List<String> getAllowedNetworks() { return allowedNetworks; }
        public void setAllowedNetworks(List<String> allowedNetworks) { this.allowedNetworks = allowedNetworks; }

        public String getAdminToken() { return adminToken; }
        public void setAdminToken(String adminToken) { this.adminToken = adminToken; }
        public String getPrivacyOfficerToken() { return privacyOfficerToken; }
        public void setPrivacyOfficerToken(String privacyOfficerToken) { this.privacyOfficerToken = privacyOfficerToken; }
    }

    public static class Acknowledgement {
        private int maxPerHour = 5;

        public int getMaxPerHour() { return maxPerHour; }
        public void setMaxPerHour(int maxPerHour) { this.maxPerHour = maxPerHour; }
    }

    public static class Pipeline {
        private int workers = 2;
        private String chain;
        private boolean enabled = true;
        private int maxAttempts = 5;
        private Duration firstRetry = Duration.ofSeconds(30);

        /** How often a message is taken before it is quarantined: temporary failures, and crashes while it was processed. */
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        /** The wait after a temporary failure; it doubles with each further attempt. */
        public Duration getFirstRetry() { return firstRetry; }
        public void setFirstRetry(Duration firstRetry) { this.firstRetry = firstRetry; }

        /** false pauses the pipeline: mail is still accepted and spooled, and processed once enabled again. */
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }

        public int getWorkers() { return workers; }
        public void setWorkers(int workers) { this.workers = workers; }
        /** Path of the mailet chain file; unset = conf-dir/mailetcontainer.xml, else the built-in one. */
        public String getChain() { return chain; }
        public void setChain(String chain) { this.chain = chain; }
    }

    public static class Privacy {
        private String masterKey;

        /** Base64 of 32 random bytes; unset = generated once into data-dir/master.key. */
        public String getMasterKey() { return masterKey; }
        public void setMasterKey(String masterKey) { this.masterKey = masterKey; }
    }

    /** A ticket's life ({@code postdesk.tickets.*}): when a solved ticket closes by itself. */
    public static class TicketRules {
        public static final List<String> LINES = List.of("1", "2", "3", "management");
        private Duration closeAfter = Duration.ofDays(4);

        /** A solved ticket becomes closed this long after it was solved (unless the customer writes again first). */
        public Duration getCloseAfter() { return closeAfter; }
        public void setCloseAfter(Duration closeAfter) { this.closeAfter = closeAfter; }

        void validate() {
            if (closeAfter == null || closeAfter.isNegative() || closeAfter.isZero()) {
                throw new IllegalStateException("postdesk.tickets.close-after must be a positive duration, e.g. 4d");
            }
        }
    }

    /** Erasure by mail and retention (docs/erasure.md). */
    public static class Erasure {
        private Duration confirmationValid = Duration.ofDays(7);
        private boolean retentionEnabled = true;
        private Duration retentionEvery = Duration.ofHours(1);

        /** How long the one-time confirmation address of an erasure requested by mail stays valid. */
        public Duration getConfirmationValid() { return confirmationValid; }
        public void setConfirmationValid(Duration confirmationValid) { this.confirmationValid = confirmationValid; }
        /** Whether the retention rules (conf-dir/retention.yml) are applied on a timer. */
        public boolean isRetentionEnabled() { return retentionEnabled; }
        public void setRetentionEnabled(boolean retentionEnabled) { this.retentionEnabled = retentionEnabled; }
        public Duration getRetentionEvery() { return retentionEvery; }
        public void setRetentionEvery(Duration retentionEvery) { this.retentionEvery = retentionEvery; }

        void validate() {
            if (confirmationValid == null || confirmationValid.isNegative() || confirmationValid.isZero() || confirmationValid.toDays() > 60) {
                throw new IllegalStateException("postdesk.erasure.confirmation-valid must be a positive duration of at most 60 days, e.g. 7d");
            }
            if (retentionEvery == null || retentionEvery.toMinutes() < 1) {
                throw new IllegalStateException("postdesk.erasure.retention-every must be at least 1m, e.g. 1h");
            }
        }
    }

    public TicketRules getTickets() { return tickets; }
    public void setTickets(TicketRules tickets) { this.tickets = tickets; }

    /** Anonymous statistics (GET /api/stats). */
    public static class Stats {
        private int minGroup = 5;

        /** A cell built from fewer tickets (or a figure from fewer values) than this is suppressed. */
        public int getMinGroup() { return minGroup; }
        public void setMinGroup(int minGroup) { this.minGroup = minGroup; }
    }

    public Stats getStats() { return stats; }
    public void setStats(Stats stats) { this.stats = stats; }
    /**
     * An existing mailbox Postdesk imports from (issue 11): IMAP or POP3, at a hosted provider or
     * your own server. {@code toString} is Object's: it never shows the password or token.
     */
    public static class Mailbox {
        public enum Protocol { IMAP, POP3 }
        public enum Security { TLS, STARTTLS, NONE }
        public enum AfterImport { KEEP, DELETE, MOVE_TO }

        private String name;
        private Protocol protocol = Protocol.IMAP;
        private String host;
        private int port;
        private Security security = Security.TLS;
        private String username;
        private String password;
        private String oauth2Token;
        private String folder = "INBOX";
        private AfterImport afterImport = AfterImport.KEEP;
        private String moveTo;
        private String deliverTo;
        private boolean idle = true;
        private Duration pollInterval = Duration.ofSeconds(60);
        private Duration timeout = Duration.ofSeconds(60);
        private Path trustedCertificates;

        static void validate(List<Mailbox> mailboxes, PostdeskProperties all) {
            var names = new java.util.HashSet<String>();
            for (int i = 0; i < mailboxes.size(); i++) {
                Mailbox m = mailboxes.get(i);
                String at = "postdesk.mailboxes[" + i + "].";
                if (m.host == null || m.host.isBlank()) {
                    throw new IllegalStateException(at + "host is missing: name the IMAP or POP3 server");
                }
                if (m.username == null || m.username.isBlank()) {
                    throw new IllegalStateException(at + "username is missing");
                }
                if ((m.password == null || m.password.isEmpty()) == (m.oauth2Token == null || m.oauth2Token.isEmpty())) {
                    throw new IllegalStateException(at + "password or " + at + "oauth2-token: set exactly one of the two");
                }
                if (m.port < 0 || m.port > 65535) {
                    throw new IllegalStateException(at + "port must be between 0 (the protocol's default) and 65535");
                }
                if (m.afterImport == AfterImport.MOVE_TO && (m.protocol == Protocol.POP3 || m.moveTo == null || m.moveTo.isBlank())) {
                    throw new IllegalStateException(at + "after-import=move-to needs IMAP and a folder in " + at + "move-to");
                }
                if (m.pollInterval == null || m.pollInterval.toMillis() < 10 || m.timeout == null || m.timeout.toMillis() < 100) {
                    throw new IllegalStateException(at + "poll-interval and " + at + "timeout must be positive durations, e.g. 60s");
                }
                if (m.deliverTo != null && !all.getSupportAddresses().stream().anyMatch(a -> a.equalsIgnoreCase(m.deliverTo.strip()))) {
                    throw new IllegalStateException(at + "deliver-to must be one of postdesk.support-addresses");
                }
                if (m.trustedCertificates != null && !java.nio.file.Files.isReadable(m.trustedCertificates)) {
                    throw new IllegalStateException(at + "trusted-certificates: cannot read " + m.trustedCertificates);
                }
                if (!names.add(m.name())) {
                    throw new IllegalStateException(at + "name '" + m.name() + "' is used twice: give each mailbox its own name");
                }
            }
        }

        /** The name its state is remembered under: {@code name}, else user@host. */
        public String name() {
            return name != null && !name.isBlank() ? name.strip() : username + "@" + host;
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public Protocol getProtocol() { return protocol; }
        public void setProtocol(Protocol protocol) { this.protocol = protocol; }
        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        /** 0 = the protocol's default (993/143, 995/110). */
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public Security getSecurity() { return security; }
        public void setSecurity(Security security) { this.security = security; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        /** An OAuth2 access token, sent with SASL XOAUTH2 instead of a password. */
        public String getOauth2Token() { return oauth2Token; }
        public void setOauth2Token(String oauth2Token) { this.oauth2Token = oauth2Token; }
        public String getFolder() { return folder; }
        public void setFolder(String folder) { this.folder = folder; }
        public AfterImport getAfterImport() { return afterImport; }
        public void setAfterImport(AfterImport afterImport) { this.afterImport = afterImport; }
        public String getMoveTo() { return moveTo; }
        public void setMoveTo(String moveTo) { this.moveTo = moveTo; }
        /** The support address imported mail is for; unset = the first support address. */
        public String getDeliverTo() { return deliverTo; }
        public void setDeliverTo(String deliverTo) { this.deliverTo = deliverTo; }
        /** false polls even when the IMAP server offers IDLE. */
        public boolean isIdle() { return idle; }
        public void setIdle(boolean idle) { this.idle = idle; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        /** Connect and read timeout. */
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        /** PEM CA certificates trusted beside the system trust store, for tls and starttls. */
        public Path getTrustedCertificates() { return trustedCertificates; }
        public void setTrustedCertificates(Path trustedCertificates) { this.trustedCertificates = trustedCertificates; }
    }

    /** The LMTP listener for a Postfix or Dovecot in front (RFC 2033); off while the port is unset. */
    public static class Lmtp {
        private String bind = "127.0.0.1";
        private Integer port;

        public String getBind() { return bind; }
        public void setBind(String bind) { this.bind = bind; }
        /** unset = no LMTP listener; 0 = a free port. Size, timeouts and limits are postdesk.smtp's. */
        public Integer getPort() { return port; }
        public void setPort(Integer port) { this.port = port; }
    }

    public List<Mailbox> getMailboxes() { return mailboxes; }
    public void setMailboxes(List<Mailbox> mailboxes) { this.mailboxes = mailboxes; }
    public Lmtp getLmtp() { return lmtp; }
    public void setLmtp(Lmtp lmtp) { this.lmtp = lmtp; }
    /** What the operators' tools watch and allow (docs/operators.md): when health turns to DOWN, and imports. */
    public static class Operations {
        private Duration spoolBacklogAge = Duration.ofMinutes(10);
        private Duration outboxHeldAge = Duration.ofHours(1);
        private int outboxFailuresPerDay = 10;

        void validate() {
            for (var age : java.util.Map.of("postdesk.operations.spool-backlog-age", spoolBacklogAge == null ? Duration.ZERO : spoolBacklogAge,
                    "postdesk.operations.outbox-held-age", outboxHeldAge == null ? Duration.ZERO : outboxHeldAge).entrySet()) {
                if (age.getValue().isZero() || age.getValue().isNegative()) {
                    throw new IllegalStateException(age.getKey() + " must be a positive duration, e.g. 10m");
                }
            }
            if (outboxFailuresPerDay < 1) {
                throw new IllegalStateException("postdesk.operations.outbox-failures-per-day must be at least 1");
            }
        }

        /** Readiness is DOWN while the oldest message waiting in the spool is older than this. */
        public Duration getSpoolBacklogAge() { return spoolBacklogAge; }
        public void setSpoolBacklogAge(Duration spoolBacklogAge) { this.spoolBacklogAge = spoolBacklogAge; }
        /** Readiness is DOWN while the oldest mail held in the outbox is older than this (the relay is away). */
        public Duration getOutboxHeldAge() { return outboxHeldAge; }
        public void setOutboxHeldAge(Duration outboxHeldAge) { this.outboxHeldAge = outboxHeldAge; }
        /** Readiness is DOWN when at least this many outbox mails created in the last 24 hours failed for good. */
        public int getOutboxFailuresPerDay() { return outboxFailuresPerDay; }
        public void setOutboxFailuresPerDay(int outboxFailuresPerDay) { this.outboxFailuresPerDay = outboxFailuresPerDay; }
    }

    public Operations getOperations() { return operations; }
    public void setOperations(Operations operations) { this.operations = operations; }

    /** The authserv-ids of our own border MTAs whose Authentication-Results we trust (RFC 8601). */
    public List<String> getTrustedAuthservIds() { return trustedAuthservIds; }
    public void setTrustedAuthservIds(List<String> trustedAuthservIds) { this.trustedAuthservIds = trustedAuthservIds; }
    public Console getConsole() { return console; }
    public void setConsole(Console console) { this.console = console; }
    public Privacy getPrivacy() { return privacy; }

    public Erasure getErasure() { return erasure; }

    public void setErasure(Erasure erasure) { this.erasure = erasure; }
    public void setPrivacy(Privacy privacy) { this.privacy = privacy; }
    public Smtp getSmtp() { return smtp; }
    public void setSmtp(Smtp smtp) { this.smtp = smtp; }
    public List<String> getSupportAddresses() { return supportAddresses; }
    public void setSupportAddresses(List<String> supportAddresses) { this.supportAddresses = supportAddresses; }
    public String getReplyDomain() { return replyDomain; }
    public void setReplyDomain(String replyDomain) { this.replyDomain = replyDomain; }
    public List<Agent> getAgents() { return agents; }
    public void setAgents(List<Agent> agents) { this.agents = agents; }
    public String getNotify() { return notify; }
    public void setNotify(String notify) { this.notify = notify; }
    public Outbound getOutbound() { return outbound; }
    public void setOutbound(Outbound outbound) { this.outbound = outbound; }
    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public Path getConfDir() { return confDir; }
    public void setConfDir(Path confDir) { this.confDir = confDir; }
    public Api getApi() { return api; }
    public void setApi(Api api) { this.api = api; }
    public Acknowledgement getAcknowledgement() { return acknowledgement; }
    public void setAcknowledgement(Acknowledgement acknowledgement) { this.acknowledgement = acknowledgement; }
    public Pipeline getPipeline() { return pipeline; }
    public void setPipeline(Pipeline pipeline) { this.pipeline = pipeline; }

    // ---- queues, incidents, escalation lines (issue 8; docs/queues.md) ----
    private void validateQueues() {
        for (var list : List.of(java.util.Map.entry("postdesk.incident.notify", incident.getNotify()),
                java.util.Map.entry("postdesk.escalation.management", escalation.getManagement()))) {
            for (String address : list.getValue()) {
                if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                    throw new IllegalStateException(list.getKey() + ": '" + address + "' is not an e-mail address");
                }
            }
        }
        if (!incident.getLink().contains("{number}")) {
            throw new IllegalStateException("postdesk.incident.link must contain {number}, e.g. https://desk.example.com/tickets/{number}");
        }
        if (queues.getBreachCheck() == null || queues.getBreachCheck().isNegative() || queues.getBreachCheck().isZero()) {
            throw new IllegalStateException("postdesk.queues.breach-check must be a positive duration, e.g. 30s");
        }
    }

    /** {@code postdesk.queues.*}: where the queues are described, how often breaches are looked for. */
    public static class QueueSettings {
        private String file = "queues.yml";
        private Duration breachCheck = Duration.ofSeconds(30);

        /** The queues file, relative to postdesk.conf-dir (the jar's copy when the operator has none). */
        public String getFile() { return file; }
        public void setFile(String file) { this.file = file; }
        public Duration getBreachCheck() { return breachCheck; }
        public void setBreachCheck(Duration breachCheck) { this.breachCheck = breachCheck; }
    }

    /** {@code postdesk.incident.*}: who is told at once of a severity 1 ticket, and the link they get. */
    public static class Incident {
        private List<String> notify = new ArrayList<>();
        private String link = "http://localhost:8080/api/tickets/{number}";

        public List<String> getNotify() { return notify; }
        public void setNotify(List<String> notify) { this.notify = notify; }
        public String getLink() { return link; }
        public void setLink(String link) { this.link = link; }
    }

    /** {@code postdesk.escalation.*}: who is told when a ticket moves to the third line. */
    public static class Escalation {
        private List<String> management = new ArrayList<>();

        public List<String> getManagement() { return management; }
        public void setManagement(List<String> management) { this.management = management; }
    }

    public QueueSettings getQueues() { return queues; }
    public void setQueues(QueueSettings queues) { this.queues = queues; }
    public Incident getIncident() { return incident; }
    public void setIncident(Incident incident) { this.incident = incident; }
    public Escalation getEscalation() { return escalation; }
    public void setEscalation(Escalation escalation) { this.escalation = escalation; }
}
