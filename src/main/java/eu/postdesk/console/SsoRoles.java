package eu.postdesk.console;

import java.util.Map;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * Single sign-on's roles: the claim {@code postdesk.console.role-claim} (default
 * {@code postdesk_role}) of the ID token or user info, mapped by {@code postdesk.console.claim-roles}
 * to a role. A user whose claim maps to no role is refused. The second factor is the provider's:
 * its ID token's {@code amr} claim (RFC 8176) must name one of
 * {@code postdesk.console.sso-second-factor-methods} (otp, hwk, mfa, …), or the sign-in is refused
 * ({@link #SECOND_FACTOR_MISSING}) as a password alone would be.
 */
@Component
class SsoRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {
    static final String SECOND_FACTOR_MISSING = "second_factor_missing";

    private final OidcUserService delegate = new OidcUserService();
    private final String claim;
    private final Map<String, String> roles;
    private final java.util.Set<String> secondFactors;

    SsoRoles(PostdeskProperties properties) {
        this.claim = properties.getConsole().getRoleClaim();
        this.roles = properties.getConsole().getClaimRoles();
        this.secondFactors = properties.getConsole().isRequireSecondFactor()
                ? java.util.Set.copyOf(properties.getConsole().getSsoSecondFactorMethods()) : java.util.Set.of();
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        Object value = user.getClaims().get(claim);
        String role = value == null ? null : roles.get(String.valueOf(value));
        if (role == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", "no console role for this user", null));
        }
        java.util.List<String> methods = user.getIdToken().getClaimAsStringList("amr");
        if (!secondFactors.isEmpty() && (methods == null || methods.stream().noneMatch(secondFactors::contains))) {
            throw new OAuth2AuthenticationException(new OAuth2Error(SECOND_FACTOR_MISSING, "the provider reports no second factor (amr)", null));
        }
        return new DefaultOidcUser(new ConsoleUser(user.getName(), role, "sso").roleAuthorities(), user.getIdToken(), user.getUserInfo());
    }
}
