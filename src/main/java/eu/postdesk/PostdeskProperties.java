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
    private Console console = new Console();
    private List<String> trustedAuthservIds = new ArrayList<>(List.of("postdesk"));

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
        }
        validateToken("postdesk.api.admin-token", api.getAdminToken());
        validateToken("postdesk.api.privacy-officer-token", api.getPrivacyOfficerToken());
        if (api.getAdminToken() != null && api.getAdminToken().strip().equals(api.getPrivacyOfficerToken() == null ? null : api.getPrivacyOfficerToken().strip())) {
            throw new IllegalStateException("postdesk.api.privacy-officer-token must differ from postdesk.api.admin-token: the two roles are kept apart");
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
        if (pipeline.getFirstRetry() == null || pipeline.getFirstRetry().isNegative()) {
            throw new IllegalStateException("postdesk.pipeline.first-retry must be a positive duration, e.g. 30s");
        }
        console.validate();
    }

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

        void validate() {
            java.util.Set<String> roles = java.util.Set.of("admin", "agent", "privacy-officer");
            for (int i = 0; i < users.size(); i++) {
                User user = users.get(i);
                if (user.getUsername() == null || !user.getUsername().matches("[A-Za-z0-9._@-]{1,200}")) {
                    throw new IllegalStateException("postdesk.console.users[" + i + "].username is missing or has characters other than letters, digits, . _ @ -");
                }
                if (!roles.contains(String.valueOf(user.getRole()))) {
                    throw new IllegalStateException("postdesk.console.users[" + i + "].role must be one of admin, agent, privacy-officer");
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
                    throw new IllegalStateException("postdesk.console.claim-roles[" + entry.getKey() + "] must be one of admin, agent, privacy-officer");
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

        public static class User {
            private String username;
            private String role;
            private String passwordHash;

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

        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
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

    /** The authserv-ids of our own border MTAs whose Authentication-Results we trust (RFC 8601). */
    public List<String> getTrustedAuthservIds() { return trustedAuthservIds; }
    public void setTrustedAuthservIds(List<String> trustedAuthservIds) { this.trustedAuthservIds = trustedAuthservIds; }
    public Console getConsole() { return console; }
    public void setConsole(Console console) { this.console = console; }
    public Privacy getPrivacy() { return privacy; }
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
}
