package eu.postdesk.console;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console accounts' passkeys (WebAuthn): Spring Security's relying party
 * ({@link Webauthn4JRelyingPartyOperations}, webauthn4j under it) and its JDBC tables
 * {@code user_entities} (one per account, {@code name} = the console user name) and
 * {@code user_credentials}. Only the ceremonies live here; who may run them, and what a passkey
 * opens, is {@link PasskeyPages}' business.
 */
@Component
class Passkeys {
    private static final Logger log = LoggerFactory.getLogger(Passkeys.class);

    /** A passkey as its owner sees it on the security page. */
    record Passkey(String id, String label, Instant created, Instant lastUsed) {
    }

    private final JdbcPublicKeyCredentialUserEntityRepository accounts;
    private final UserCredentialRepository credentials;
    private final PostdeskProperties.Console.Passkeys settings;
    private final Environment environment;
    private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();
    private volatile Webauthn4JRelyingPartyOperations relyingParty;

    Passkeys(JdbcTemplate jdbc, PostdeskProperties properties, Environment environment, java.time.Clock clock) {
        this.accounts = new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
        this.credentials = new OnOurClock(new JdbcUserCredentialRepository(jdbc), clock);
        this.settings = properties.getConsole().getPasskeys();
        this.environment = environment;
    }

    /** Built at the first ceremony: the default origin of {@code localhost} needs the port the server listens on. */
    private Webauthn4JRelyingPartyOperations relyingParty() {
        if (relyingParty == null) {
            synchronized (this) {
                if (relyingParty == null) {
                    var operations = new Webauthn4JRelyingPartyOperations(accounts, credentials,
                            PublicKeyCredentialRpEntity.builder().id(settings.getRpId()).name("Postdesk").build(), origins());
                    // the request names no credential: who has only the password learns nothing of the account's passkeys,
                    // and the owner is checked after the signature (PasskeyPages)
                    operations.setCustomizeRequestOptions(options -> options.allowCredentials(List.of()));
                    relyingParty = operations;
                }
            }
        }
        return relyingParty;
    }

    Set<String> origins() {
        Set<String> origins = new LinkedHashSet<>(settings.getAllowedOrigins());
        if (origins.isEmpty()) {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            origins.add("https://" + settings.getRpId());
            if ("localhost".equals(settings.getRpId())) {
                origins.add("https://localhost:" + port);
                origins.add("http://localhost:" + port);
            }
        }
        return origins;
    }

    /** Options for a new passkey of the signed-in account (its earlier ones excluded, so one authenticator holds one). */
    PublicKeyCredentialCreationOptions creationOptions(Authentication account) {
        return relyingParty().createPublicKeyCredentialCreationOptions(new ImmutablePublicKeyCredentialCreationOptionsRequest(account));
    }

    /**
     * Checks the browser's answer to those options and keeps the passkey under its label.
     *
     * @throws IllegalArgumentException with a message key when the label or the answer is not good
     */
    void register(PublicKeyCredentialCreationOptions options, String answer) {
        RelyingPartyPublicKey publicKey;
        try {
            publicKey = json.readValue(answer, RelyingPartyPublicKey.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("console.passkeys.failed");
        }
        String label = publicKey.getLabel() == null ? "" : publicKey.getLabel().strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new IllegalArgumentException("console.passkeys.badLabel");
        }
        try {
            relyingParty().registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
                    new RelyingPartyPublicKey(publicKey.getCredential(), label)));
        } catch (RuntimeException e) {
            log.info("a passkey registration was refused: {}", e.getClass().getSimpleName());
            throw new IllegalArgumentException("console.passkeys.failed");
        }
    }

    PublicKeyCredentialRequestOptions requestOptions(Authentication passwordStep) {
        return relyingParty().createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(passwordStep));
    }

    /** The console account whose passkey signed this answer to those options; empty when the signature or the passkey is not good. */
    Optional<String> owner(PublicKeyCredentialRequestOptions options, String answer) {
        try {
            PublicKeyCredential<AuthenticatorAssertionResponse> credential = json.readValue(answer,
                    new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() {
                    });
            PublicKeyCredentialUserEntity owner = relyingParty().authenticate(new RelyingPartyAuthenticationRequest(options, credential));
            return Optional.of(owner.getName());
        } catch (RuntimeException e) {
            log.info("a passkey sign-in was refused: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    List<Passkey> of(String username) {
        PublicKeyCredentialUserEntity account = accounts.findByUsername(username);
        if (account == null) {
            return List.of();
        }
        return credentials.findByUserId(account.getId()).stream().map(Passkeys::view).toList();
    }

    private static Passkey view(CredentialRecord record) {
        return new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(), record.getCreated(), record.getLastUsed());
    }

    /** Removes one of the account's own passkeys; false when the account has no passkey of that id. */
    boolean remove(String username, String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,1400}") || of(username).stream().noneMatch(p -> p.id().equals(id))) {
            return false;
        }
        credentials.delete(Bytes.fromBase64(id));
        log.info("a passkey was removed");
        return true;
    }

    String json(Object options) {
        return json.writeValueAsString(options);
    }

    /** Spring's ceremonies stamp a passkey's creation and last use with the system clock: kept here on the server's clock instead. */
    private record OnOurClock(UserCredentialRepository stored, java.time.Clock clock) implements UserCredentialRepository {
        @Override
        public void save(CredentialRecord record) {
            CredentialRecord before = stored.findByCredentialId(record.getCredentialId());
            Instant now = clock.instant();
            stored.save(ImmutableCredentialRecord.fromCredentialRecord(record).created(before == null ? now : before.getCreated()).lastUsed(now).build());
        }

        @Override
        public void delete(Bytes credentialId) {
            stored.delete(credentialId);
        }

        @Override
        public CredentialRecord findByCredentialId(Bytes credentialId) {
            return stored.findByCredentialId(credentialId);
        }

        @Override
        public List<CredentialRecord> findByUserId(Bytes userId) {
            return stored.findByUserId(userId);
        }
    }
}
