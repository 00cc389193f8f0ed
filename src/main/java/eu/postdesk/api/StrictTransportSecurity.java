package eu.postdesk.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** HSTS (RFC 6797) on every HTTPS response, refusals included, so a browser never falls back to plain HTTP. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StrictTransportSecurity extends OncePerRequestFilter {
    private final String value;

    public StrictTransportSecurity(HttpSettings settings) {
        this.value = "max-age=" + settings.hstsMaxAge().toSeconds();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", value);
        }
        chain.doFilter(request, response);
    }
}
