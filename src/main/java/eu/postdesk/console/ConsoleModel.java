package eu.postdesk.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page knows: who is signed in and which parts of the navigation that role sees. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
    public record Me(String name, String role, boolean agentPages, boolean privacyPages, boolean operatorPages) {
    }

    @ModelAttribute("me")
    Me me(Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || authentication.getAuthorities().stream().noneMatch(a -> a.getAuthority().startsWith("ROLE_"))) {
            return null;
        }
        ConsoleUser user = SignedIn.user(authentication);
        return new Me(user.username(), user.role(), true, "privacy-officer".equals(user.role()), "admin".equals(user.role()));
    }
}
