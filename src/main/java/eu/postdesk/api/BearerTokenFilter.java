package eu.postdesk.api;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only calls with a valid bearer token, from an allowed network ({@link ApiTokens#authenticate}),
 * under {@code /api} and {@code /actuator}, and tells the controllers who calls; the console's other
 * paths are Spring Security's ({@code eu.postdesk.console}). A path that is not in its plain form
 * (percent escapes, {@code ;} parameters, {@code //}, {@code .} or {@code ..} segments, backslashes)
 * is refused with 400 on every path, before anything else looks at it: what the container and
 * Spring would make of it is not for us to guess.
 *
 * <p>The operators' endpoints (docs/operators.md): {@code /actuator/health} and its probes are open
 * to callers on loopback (a load balancer's or orchestrator's probe on the host) and need a token
 * from anywhere else; every other {@code /actuator} path (Prometheus metrics) needs an admin token.
 * Under {@code /api}, {@link RoleCheck} decides.
 */
@Component
@org.springframework.core.annotation.Order(-200)
public class BearerTokenFilter extends OncePerRequestFilter {
    static final String HOLDER = "postdesk.caller";
    private static final Pattern NOT_PLAIN = Pattern.compile("[%;\\\\]|//|/\\.\\.?(/|$)");

    private final ApiTokens tokens;

    public BearerTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path == null || !path.startsWith("/") || NOT_PLAIN.matcher(path).find()) {
            refuse(response, HttpStatus.BAD_REQUEST, "the path must be plain: no escapes, parameters or dot segments");
            return;
        }
        if (!isApi(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
        if (health && loopback(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        ApiTokens.Authentication authentication = tokens.authenticate(token, request.getRemoteAddr());
        if (authentication.holder() == null) {
            if (authentication.refusal() == HttpStatus.UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"postdesk\"");
            }
            refuse(response, authentication.refusal(), authentication.message());
            return;
        }
        ApiTokens.Holder holder = authentication.holder();
        if (path.regionMatches(true, 0, "/actuator", 0, 9) && !health && !ApiTokens.ADMIN.equals(holder.role())) {
            refuse(response, HttpStatus.FORBIDDEN, "the role '" + holder.role() + "' may not read the server's metrics");
            return;
        }
        request.setAttribute(HOLDER, holder);
        chain.doFilter(request, response);
    }

    private static boolean loopback(String address) {
        // the container gives the peer's literal address; no name is ever looked up
        return address != null && (address.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1") || address.matches("(::ffff:|0:0:0:0:0:ffff:)127\\.[\\d.]+"));
    }

    /**
     * Whether a request is the API's or the operators' ({@code /actuator}), in any letter case
     * ({@code /API/...} too): such a path gets the bearer-token check here and never the console's sign-in.
     */
    public static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && (path.equalsIgnoreCase("/api") || path.regionMatches(true, 0, "/api/", 0, 5)
                || path.equalsIgnoreCase("/actuator") || path.regionMatches(true, 0, "/actuator/", 0, 10));
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/json");
        response.getWriter().write(ErrorBody.json(status, message, ErrorBody.newCorrelationId()));
    }
}
