package eu.postdesk.console;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import eu.postdesk.PostdeskProperties;

/**
 * Two doors, two locks. {@code /api/**} keeps its own bearer tokens ({@code BearerTokenFilter}):
 * its chain lets every call through to that filter, stateless, without CSRF (no cookies there).
 * Everything else is the console: form sign-in (or OpenID Connect when
 * {@code spring.security.oauth2.client.*} registers a provider), a second factor before any page,
 * pages by role, CSRF on every form, a strict Content-Security-Policy, no framing.
 */
@Configuration
@EnableWebSecurity
class ConsoleSecurity {

    @Bean
    SecurityContextRepository consoleContexts() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.securityMatcher(eu.postdesk.api.BearerTokenFilter::isApi)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.disable())
                .requestCache(r -> r.disable())
                .securityContext(s -> s.disable())
                .anonymous(a -> a.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, SecurityContextRepository contexts, ConsoleUsers users,
            PostdeskProperties properties, ObjectProvider<ClientRegistrationRepository> sso, SsoRoles ssoRoles, SignInFailures failures) throws Exception {
        // PasswordStep is the one AuthenticationProvider bean: the global manager asks it, once per attempt
        // (named here too, it would be asked twice, and a failure counted twice)
        http.securityContext(s -> s.securityContextRepository(contexts))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error", "/denied").permitAll()
                        .requestMatchers("/second-factor", "/second-factor/**", "/enrol", "/enrol/**").hasAuthority(ConsoleUser.PASSWORD_ONLY)
                        .requestMatchers("/privacy/**").hasRole("PRIVACY_OFFICER")
                        .requestMatchers("/statistics", "/statistics/**").hasAnyRole("SUPERVISOR", "PRIVACY_OFFICER")
                        .requestMatchers("/ops/**", "/users/**").hasRole("ADMIN")
                        // admins see no ticket content: the ticket pages are for the roles that work or read tickets
                        .requestMatchers("/tickets", "/tickets/**", "/attachments/**").hasAnyRole("AGENT", "SUPERVISOR", "PRIVACY_OFFICER")
                        .anyRequest().hasAnyRole("ADMIN", "AGENT", "SUPERVISOR", "PRIVACY_OFFICER"))
                .formLogin(f -> f.loginPage("/login").successHandler(afterPassword(users)).failureHandler((request, response, e) ->
                        response.sendRedirect(e instanceof org.springframework.security.authentication.LockedException ? "/login?locked" : "/login?error")))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").deleteCookies(ConsolePolicy.SESSION_COOKIE))
                .exceptionHandling(e -> e.accessDeniedHandler(denied(users)))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new ConsolePolicy()))
                .addFilterAfter(new AllowedNetworks(properties.getConsole().getAllowedNetworks()), HeaderWriterFilter.class)
                .addFilterAfter(new ChangedAccounts(users), org.springframework.security.web.context.SecurityContextHolderFilter.class);
        if (sso.getIfAvailable() != null) {
            http.oauth2Login(o -> o.loginPage("/login")
                    .userInfoEndpoint(u -> u.oidcUserService(ssoRoles))
                    .defaultSuccessUrl("/", true)
                    .failureHandler((request, response, e) -> {
                        failures.record("sso", request.getRemoteAddr(), "sso");
                        boolean noSecondFactor = e instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException refused
                                && SsoRoles.SECOND_FACTOR_MISSING.equals(refused.getError().getErrorCode());
                        response.sendRedirect(noSecondFactor ? "/login?ssoNoSecondFactor" : "/login?ssoRefused");
                    }));
        }
        return http.build();
    }

    /** After the password: to the second factor, or to enrolment for an account that has none yet. */
    private static AuthenticationSuccessHandler afterPassword(ConsoleUsers users) {
        return (request, response, authentication) -> response.sendRedirect(nextStep(users, authentication));
    }

    private static String nextStep(ConsoleUsers users, Authentication authentication) {
        if (!passwordOnly(authentication)) {
            return "/";
        }
        return users.find(authentication.getName()).map(ConsoleUsers.Account::enrolled).orElse(false) ? "/second-factor" : "/enrol";
    }

    private static boolean passwordOnly(Authentication authentication) {
        return authentication.getAuthorities().stream().anyMatch(a -> ConsoleUser.PASSWORD_ONLY.equals(a.getAuthority()));
    }

    /** A half-signed-in session is sent to its next step; a signed-in user without the role gets 403. */
    private static AccessDeniedHandler denied(ConsoleUsers users) {
        return (HttpServletRequest request, HttpServletResponse response, org.springframework.security.access.AccessDeniedException e) -> {
            Authentication authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            String next = authentication == null ? "/login" : nextStep(users, authentication);
            if ((authentication == null || passwordOnly(authentication)) && !request.getRequestURI().equals(next)) {
                response.sendRedirect(next);
                return;
            }
            forbidden(request, response);
        };
    }

    private static void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        try {
            request.getRequestDispatcher("/denied").forward(request, response);
        } catch (jakarta.servlet.ServletException ex) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
    }
}
