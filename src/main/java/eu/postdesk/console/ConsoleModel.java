package eu.postdesk.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page knows: who is signed in and which parts of the navigation that role sees. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
    public record Me(String name, String role, boolean agentPages, boolean privacyPages, boolean operatorPages, boolean statisticsPages) {
    }

    /**
     * A console page's refusal or missing item as a page with a fixed text. ({@code /error} stays the
     * API's JSON, {@code ErrorPaths}: a second mapping there would be ambiguous for clients that accept anything.)
     */
    @org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.web.server.ResponseStatusException.class)
    String problem(org.springframework.web.server.ResponseStatusException e, jakarta.servlet.http.HttpServletResponse response,
            org.springframework.ui.Model model, Authentication authentication) {
        response.setStatus(e.getStatusCode().value());
        model.addAttribute("status", e.getStatusCode().value());
        model.addAttribute("me", me(authentication));
        return "error";
    }

    @ModelAttribute("me")
    Me me(Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || authentication.getAuthorities().stream().noneMatch(a -> a.getAuthority().startsWith("ROLE_"))) {
            return null;
        }
        ConsoleUser user = SignedIn.user(authentication);
        return new Me(user.username(), user.role(), !"admin".equals(user.role()), "privacy-officer".equals(user.role()), "admin".equals(user.role()),
                "supervisor".equals(user.role()) || "privacy-officer".equals(user.role()));
    }
}
