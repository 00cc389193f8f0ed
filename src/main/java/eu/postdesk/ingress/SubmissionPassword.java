package eu.postdesk.ingress;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code bin/postdesk hash-password}: reads an agent's submission password (from the terminal
 * without echo, or one line of standard input) and prints its bcrypt hash for
 * {@code postdesk.agents[i].submission-password-hash}. The password never appears on a command line.
 */
public final class SubmissionPassword {
    private SubmissionPassword() {
    }

    public static void main(String[] args) throws IOException {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] typed = console.readPassword("submission password: ");
            password = typed == null ? "" : new String(typed);
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? "" : line;
        }
        if (password.length() < 12) {
            System.err.println("use at least 12 characters");
            System.exit(2);
        }
        System.out.println(new BCryptPasswordEncoder(12).encode(password));
    }
}
