package eu.postdesk.console;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code postdesk.console.allowed-networks}: the console answers only these addresses or CIDR networks (empty: any); others get 403. */
final class AllowedNetworks extends OncePerRequestFilter {
    private final List<IpAddressMatcher> networks;

    AllowedNetworks(List<String> networks) {
        this.networks = networks.stream().map(IpAddressMatcher::new).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        if (!networks.isEmpty() && networks.stream().noneMatch(n -> n.matches(request.getRemoteAddr()))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }
}
