package eu.postdesk.console;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * {@code bin/postdesk console-password-hash}: reads a password from standard input (one line) and
 * prints its hash for {@code postdesk.console.users[i].password-hash} ({@code {bcrypt}...}). A plain
 * main: nothing is started, the password is neither logged nor kept.
 */
public final class PasswordHash {
    private PasswordHash() {
    }

    public static void main(String[] args) throws Exception {
        String password;
        if (System.console() != null) {
            char[] typed = System.console().readPassword("password: ");
            password = typed == null ? "" : new String(typed);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.length() < 12) {
            System.err.println("a console password needs at least 12 characters");
            System.exit(2);
        }
        System.out.println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password));
    }
}
