package eu.postdesk.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Both steps passed (password, then a TOTP code or a passkey): the session gets the account's role, under a new session id. */
@Component
class SignInCompletion {
    private final SecurityContextRepository contexts;

    SignInCompletion(SecurityContextRepository contexts) {
        this.contexts = contexts;
    }

    void complete(ConsoleUser user, Authentication before, HttpServletRequest request, HttpServletResponse response) {
        var full = UsernamePasswordAuthenticationToken.authenticated(user, null, user.roleAuthorities());
        full.setDetails(before.getDetails());
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(full);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
