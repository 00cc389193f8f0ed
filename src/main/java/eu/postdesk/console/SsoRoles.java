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
 * to admin, agent or privacy-officer. A user whose claim maps to no role is refused. The provider
 * is trusted for the second factor.
 */
@Component
class SsoRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private final OidcUserService delegate = new OidcUserService();
    private final String claim;
    private final Map<String, String> roles;

    SsoRoles(PostdeskProperties properties) {
        this.claim = properties.getConsole().getRoleClaim();
        this.roles = properties.getConsole().getClaimRoles();
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        Object value = user.getClaims().get(claim);
        String role = value == null ? null : roles.get(String.valueOf(value));
        if (role == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", "no console role for this user", null));
        }
        return new DefaultOidcUser(new ConsoleUser(user.getName(), role, "sso").roleAuthorities(), user.getIdToken(), user.getUserInfo());
    }
}
