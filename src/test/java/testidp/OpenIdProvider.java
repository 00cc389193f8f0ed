package testidp;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * An OpenID provider for the single sign-on test: Spring Authorization Server on a loopback port,
 * outside Postdesk's packages (so Postdesk's scan never finds it). Its users carry a
 * {@code postdesk_role} claim in their ID token: {@link #ROLES}.
 */
@Configuration
@EnableAutoConfiguration
public class OpenIdProvider {
    public static final String CLIENT_ID = "postdesk-console";
    public static final String CLIENT_SECRET = "a-client-secret-for-the-test-only";
    public static final String PASSWORD = "provider password";
    /** Each user's claim value: one the console maps to a role, one it does not. */
    public static final Map<String, String> ROLES = Map.of("sso.sam", "helpdesk-agent", "sso.stranger", "visitor", "sso.paula", "helpdesk-agent");
    /** How each user signed in at the provider, as its ID token's {@code amr} says (RFC 8176): sso.paula with a password alone. */
    public static final Map<String, List<String>> METHODS = Map.of("sso.sam", List.of("pwd", "otp"), "sso.stranger", List.of("pwd", "otp"),
            "sso.paula", List.of("pwd"));

    private static volatile String redirectUri;

    /** Starts the provider; the console's callback is {@code consoleBase/login/oauth2/code/idp}. */
    public static ConfigurableApplicationContext start(String redirect) {
        redirectUri = redirect;
        return new SpringApplicationBuilder(OpenIdProvider.class).properties(
                "spring.config.name=openid-provider-test", "server.port=0", "server.address=127.0.0.1",
                "server.servlet.session.cookie.name=PROVIDER_SESSION", "spring.flyway.enabled=false",
                "spring.datasource.url=jdbc:h2:mem:provider", "spring.main.banner-mode=off", "spring.jmx.enabled=false",
                "spring.integration.channel.auto-create=false").run();
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Bean
    @Order(1)
    SecurityFilterChain protocol(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
        });
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults()).build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(ROLES.keySet().stream()
                .map(name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build()).toList());
    }

    @Bean
    RegisteredClientRepository clients() {
        return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri).scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build()).build());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> roleClaim() {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                context.getClaims().claim("postdesk_role", ROLES.get(context.getPrincipal().getName()));
                context.getClaims().claim("amr", METHODS.get(context.getPrincipal().getName()));
            }
        };
    }

    private final java.security.KeyPair pair = newKeyPair();

    private static java.security.KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Bean
    org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder() {
        return org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withPublicKey((RSAPublicKey) pair.getPublic()).build();
    }

    @Bean
    JWKSource<SecurityContext> keys() {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate()).keyID(UUID.randomUUID().toString()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings settings() {
        return AuthorizationServerSettings.builder().build();
    }
}
