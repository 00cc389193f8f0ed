package eu.postdesk.console;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The console user of a signed-in session, whether it came through the password or single sign-on. */
final class SignedIn {
    private SignedIn() {
    }

    static ConsoleUser user(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user) {
            return user;
        }
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser oidc) {
            String role = authentication.getAuthorities().stream().map(a -> a.getAuthority())
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5).toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .findFirst().orElse("none");
            return new ConsoleUser(oidc.getName(), role, "sso");
        }
        throw new IllegalStateException("no console user signed in");
    }
}
