package eu.postdesk.console;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * The first step of signing in: name and password, refused outright while the account or the
 * address has too many recent failures. With a second factor required (the default) it grants only
 * {@link ConsoleUser#PASSWORD_ONLY}: the session reaches the second-factor or enrolment page, nothing else.
 */
@Component
class PasswordStep implements AuthenticationProvider {
    private final ConsoleUsers users;
    private final SignInFailures failures;
    private final boolean secondFactor;

    PasswordStep(ConsoleUsers users, SignInFailures failures, PostdeskProperties properties) {
        this.users = users;
        this.failures = failures;
        this.secondFactor = properties.getConsole().isRequireSecondFactor();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = String.valueOf(authentication.getName()).strip();
        String address = address(authentication);
        if (failures.tooMany(username, address)) {
            throw new LockedException("too many failed sign-ins");
        }
        if (!users.passwordMatches(username, String.valueOf(authentication.getCredentials()))) {
            failures.record(username, address, "password");
            throw new BadCredentialsException("bad credentials");
        }
        var account = users.find(username).orElseThrow();
        ConsoleUser user = new ConsoleUser(account.username(), account.role(), "console");
        var authorities = secondFactor ? List.of(new SimpleGrantedAuthority(ConsoleUser.PASSWORD_ONLY)) : user.roleAuthorities();
        var signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        signedIn.setDetails(authentication.getDetails());
        return signedIn;
    }

    static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "unknown";
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }
}
