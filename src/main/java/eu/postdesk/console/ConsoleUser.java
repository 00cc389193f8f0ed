package eu.postdesk.console;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Who is signed in to the console, and with which role (admin, agent, supervisor, privacy-officer). */
public record ConsoleUser(String username, String role, String via) implements Serializable {
    /** The authority of a session that has passed the password but not yet the second factor. */
    static final String PASSWORD_ONLY = "CONSOLE_PASSWORD_ONLY";

    /** The name audit records give: {@code console:alice}, or {@code sso:alice} after single sign-on. */
    public String who() {
        return via + ":" + username;
    }

    /** The first page after signing in: admins, who see no ticket content, start at the pipeline. */
    String landing() {
        return "admin".equals(role) ? "/ops/pipeline" : "/tickets";
    }

    List<GrantedAuthority> roleAuthorities() {
        return List.of(new SimpleGrantedAuthority(authority(role)));
    }

    static String authority(String role) {
        return "ROLE_" + role.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String toString() {
        return username;
    }
}
