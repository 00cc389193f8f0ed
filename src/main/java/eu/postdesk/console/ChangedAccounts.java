package eu.postdesk.console;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose account lost the role it signed in with: its role was changed, or
 * the account is gone. A demoted agent does not keep the pages of the old role until the session
 * times out. (Single sign-on sessions carry the provider's claim, which the provider changes.)
 */
final class ChangedAccounts extends OncePerRequestFilter {
    private final ConsoleUsers users;

    ChangedAccounts(ConsoleUsers users) {
        this.users = users;
    }

    /** Static files hold nothing of a role: no lookup for each stylesheet and script. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user && "console".equals(user.via())
                && !users.find(user.username()).map(ConsoleUsers.Account::role).equals(Optional.of(user.role()))) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect("/login?accountChanged");
            return;
        }
        chain.doFilter(request, response);
    }
}
